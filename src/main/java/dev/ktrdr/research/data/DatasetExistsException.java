package dev.ktrdr.research.data;

/** A dataset id is already taken. */
public final class DatasetExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetExistsException(String id) {
    super("a dataset with id '" + id + "' already exists (choose another id or replace it)");
  }

  private DatasetExistsException(String message, boolean unused) {
    super(message);
  }

  /** The id is being imported right now by someone else. */
  public static DatasetExistsException beingImported(String id) {
    return new DatasetExistsException(
        "a dataset with id '" + id + "' is being imported right now (choose another id)", true);
  }
}
