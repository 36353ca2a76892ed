package dev.ktrdr.app;

import dev.ktrdr.config.ConfigException;
import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.config.Settings;
import dev.ktrdr.db.Database;
import dev.ktrdr.db.DatabaseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ktrdr doctor}: checks what the console and the server need, and says in words what is
 * wrong. Exits 0 when everything is fine, 1 otherwise.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Check Java, the configuration, the database, the port and JavaFX.")
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--port", description = "Port to check (default $KTRDR_PORT or 8000)")
  Integer port;

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      description = "Database file or postgresql:// URL to check")
  String db;

  @Spec CommandSpec spec;

  private final List<String> problems = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("ktrdr doctor — " + new VersionInfo().getVersion()[0]);
    checkJava(out);
    Settings settings;
    try {
      settings = Settings.fromEnvironment();
      report(out, true, "Configuration", "environment variables are valid");
    } catch (ConfigException e) {
      report(out, false, "Configuration", e.getMessage());
      settings = Settings.defaults();
    }
    checkDatabase(out, settings, System.getenv());
    checkPort(out, port != null ? port : settings.port());
    checkJavaFx(out);
    out.println(problems.isEmpty() ? "All checks passed." : problems.size() + " problem(s) found.");
    out.flush();
    return problems.isEmpty() ? 0 : 1;
  }

  private void checkJava(PrintWriter out) {
    int feature = Runtime.version().feature();
    report(
        out,
        feature >= 17,
        "Java",
        feature >= 17
            ? "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            : "Java " + feature + " is too old: ktrdr needs Java 17 or newer");
  }

  private void checkDatabase(PrintWriter out, Settings settings, Map<String, String> env) {
    DatabaseLocation where;
    try {
      where = settings.database(db, env);
    } catch (ConfigException e) {
      report(out, false, "Database", e.getMessage());
      return;
    }
    if (where instanceof DatabaseLocation.Postgres) {
      try {
        String holder = Database.probe((DatabaseLocation.Postgres) where);
        report(
            out,
            holder == null,
            "Database",
            holder == null
                ? where.display() + " (reachable, no backend using it)"
                : holder
                    + " (that is fine if you meant to start it; stop it before starting another)");
      } catch (DatabaseException e) {
        report(out, false, "Database", e.getMessage());
      }
      return;
    }
    checkDatabaseFile(out, ((DatabaseLocation.SqliteFile) where).path());
  }

  private void checkDatabaseFile(PrintWriter out, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        report(out, false, "Database", "cannot write to " + dir);
        return;
      }
      try (FileChannel ch =
          FileChannel.open(
              Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          report(
              out,
              false,
              "Database",
              file
                  + " is in use by a running ktrdr server or console"
                  + " (that is fine if you meant to start it; stop it before starting another)");
          return;
        }
        lock.release();
      }
      report(
          out,
          true,
          "Database",
          file
              + (Files.exists(file)
                  ? " (exists, " + Files.size(file) / 1024 + " KiB)"
                  : " (will be created)"));
    } catch (IOException e) {
      report(out, false, "Database", "cannot use " + file + ": " + e.getMessage());
    }
  }

  private void checkPort(PrintWriter out, int p) {
    try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
      report(out, true, "Port", "127.0.0.1:" + p + " is free");
    } catch (IOException e) {
      report(
          out,
          false,
          "Port",
          "127.0.0.1:"
              + p
              + " is in use (a running ktrdr, or another"
              + " program); choose another with --port or KTRDR_PORT");
    }
  }

  private void checkJavaFx(PrintWriter out) {
    try {
      FxToolkit.startHeadless();
      report(
          out,
          true,
          "JavaFX",
          "toolkit starts (headless check; version "
              + System.getProperty("javafx.runtime.version", "?")
              + ")");
    } catch (RuntimeException | LinkageError e) {
      report(out, false, "JavaFX", "the toolkit does not start: " + e.getMessage());
    }
  }

  private void report(PrintWriter out, boolean ok, String what, String detail) {
    out.printf("  [%s] %-13s %s%n", ok ? " ok " : "FAIL", what, detail);
    if (!ok) {
      problems.add(what);
    }
  }
}
