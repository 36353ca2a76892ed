package dev.ktrdr.research.data;

/** A dataset id is already taken. */
public final class DatasetExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetExistsException(String id) {
    super("a dataset with id '" + id + "' already exists (choose another id or replace it)");
  }
}
