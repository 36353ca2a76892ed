package dev.ktrdr.desktop.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window size, column widths and the last filter, kept between runs in {@code
 * ktrdr-console.properties} beside the database. Beside the database rather than in java.util.prefs
 * because the layout belongs to that data (a demo or test database gets its own), tests stay
 * isolated in their temporary folders, and the file is plain text a user can delete. A missing or
 * unreadable file simply means defaults.
 */
public final class WindowState {
  private static final Logger LOG = LoggerFactory.getLogger(WindowState.class);
  public static final String FILE_NAME = "ktrdr-console.properties";

  private final Path file;
  private final Properties props = new Properties();

  private WindowState(Path file) {
    this.file = file;
  }

  /** The state stored beside {@code databasePath}, or an empty one. */
  public static WindowState beside(Path databasePath) {
    Path dir = databasePath.toAbsolutePath().getParent();
    WindowState s = new WindowState(dir.resolve(FILE_NAME));
    if (Files.isRegularFile(s.file)) {
      try (InputStream in = Files.newInputStream(s.file)) {
        s.props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("Ignoring unreadable window state {}: {}", s.file, e.toString());
      }
    }
    return s;
  }

  public Path file() {
    return file;
  }

  public double getDouble(String key, double fallback) {
    try {
      String v = props.getProperty(key);
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public String getString(String key, String fallback) {
    return props.getProperty(key, fallback);
  }

  public boolean getBoolean(String key, boolean fallback) {
    String v = props.getProperty(key);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }

  public void put(String key, Object value) {
    props.setProperty(key, String.valueOf(value));
  }

  /** Writes the file; a failure is logged, never thrown (losing a layout is no reason to fail). */
  public void save() {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        props.store(out, "ktrdr console window state");
      }
    } catch (IOException e) {
      LOG.warn("Could not save window state to {}: {}", file, e.toString());
    }
  }
}
