package dev.ktrdr.research.data;

import java.util.Collection;

/** No dataset has the requested id. The message lists the ids there are. */
public final class UnknownDatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownDatasetException(String id, Collection<String> known) {
    super("unknown dataset '" + id + "' (known: " + String.join(", ", known) + ")");
  }
}
