package dev.ktrdr.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string field whose words come from one {@link Vocabulary}. The words themselves are owned by
 * the engine's enums; the server puts them into the published schema, so they are typed once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
public @interface OneOf {
  Vocabulary value();
}
