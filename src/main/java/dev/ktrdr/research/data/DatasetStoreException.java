package dev.ktrdr.research.data;

/** The dataset store could not read or write; nothing was half-written. */
public final class DatasetStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
