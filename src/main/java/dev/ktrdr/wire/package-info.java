/**
 * The HTTP API's wire model: one record per JSON request or reply body, shared by the server (which
 * maps service results onto them and derives the OpenAPI schemas from them) and the CLI (which
 * reads replies into them). Depends on Jackson only, never on another ktrdr package, so that a wire
 * name lives in exactly one place.
 *
 * <p>Conventions the schema generator reads: a field is always present unless its record or the
 * field says {@code @JsonInclude(NON_NULL)}; it is never null unless marked {@link Nullable};
 * {@link OneOf} names a vocabulary (the operation statuses, say) whose words the engine owns.
 */
package dev.ktrdr.wire;
