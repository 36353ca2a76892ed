package dev.ktrdr.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version and build commit, from {@code ktrdr-version.properties} written at build time. */
public final class VersionInfo implements CommandLine.IVersionProvider {
  public static String version() {
    return read().getProperty("version", "dev");
  }

  public static String commit() {
    return read().getProperty("commit", "unknown");
  }

  private static Properties read() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("/ktrdr-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException ignored) {
      // no build info: report "dev"
    }
    return p;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"ktrdr " + version() + " (commit " + commit() + ")"};
  }
}
