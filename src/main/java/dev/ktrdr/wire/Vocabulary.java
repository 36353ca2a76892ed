package dev.ktrdr.wire;

/**
 * The sets of words the wire shares with the engine (whose enums own them). Each becomes one named
 * schema in the OpenAPI document, referenced wherever a field is {@link OneOf} it.
 */
public enum Vocabulary {
  OPERATION_STATUS("OperationStatus"),
  OPERATION_TYPE("OperationType"),
  PHASE("Phase"),
  WORKER_TYPE("WorkerType");

  private final String schemaName;

  Vocabulary(String schemaName) {
    this.schemaName = schemaName;
  }

  /** Its name under {@code components/schemas}. */
  public String schemaName() {
    return schemaName;
  }
}
