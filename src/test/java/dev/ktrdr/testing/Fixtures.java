package dev.ktrdr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CSV files under {@code src/test/resources/research/csv}, by name. */
public final class Fixtures {
  private Fixtures() {}

  public static Path csvFile(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/research/csv/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("No fixture " + name, e);
    }
  }

  public static String csv(String name) {
    try {
      return Files.readString(csvFile(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
