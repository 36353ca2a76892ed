package dev.ktrdr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.db.Database;
import dev.ktrdr.testing.DeadPort;
import dev.ktrdr.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DoctorCommandTest {
  @TempDir Path dir;

  private int run(StringWriter out, String... args) {
    CommandLine cl = KtrdrCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    String[] all = new String[args.length + 1];
    all[0] = "doctor";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  @Test
  void allChecksPassOnAFreshDatabaseAndAFreePort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StringWriter out = new StringWriter();
    int code = run(out, "--db", dir.resolve("new.db").toString(), "--port", "" + port);
    assertThat(out.toString())
        .contains(
            "[ ok ] Java",
            "[ ok ] Database",
            "will be created",
            "[ ok ] Port",
            "[ ok ] JavaFX",
            "All checks passed.");
    assertThat(code).isZero();
  }

  @Test
  void aDatabaseInUseAndABusyPortAreExplainedInWords() throws Exception {
    Path db = dir.resolve("busy.db");
    try (Database open = Database.open(db);
        ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter out = new StringWriter();
      int code = run(out, "--db", db.toString(), "--port", "" + busy.getLocalPort());
      assertThat(out.toString())
          .contains("[FAIL] Database", "in use by a running ktrdr server or console")
          .contains("[FAIL] Port", "is in use")
          .contains("2 problem(s) found.");
      assertThat(code).isEqualTo(1);
    }
  }

  @Test
  void aPostgresDatabaseIsCheckedByConnectingAndItsBackendNamed() throws Exception {
    DatabaseLocation.Postgres pg = TestPostgres.freshDatabase();
    StringWriter free = new StringWriter();
    run(free, "--db", TestPostgres.url(pg), "--port", "0");
    assertThat(free.toString())
        .contains("[ ok ] Database", pg.display() + " (reachable, no backend using it)");
    try (Database open = Database.open(pg)) {
      StringWriter busy = new StringWriter();
      int code = run(busy, "--db", TestPostgres.url(pg), "--port", "0");
      assertThat(busy.toString())
          .contains("[FAIL] Database", "another ktrdr backend is using this database");
      assertThat(code).isEqualTo(1);
    }
    try (DeadPort dead = new DeadPort()) {
      StringWriter down = new StringWriter();
      run(down, "--db", "postgresql://u:s3cret@127.0.0.1:" + dead.port() + "/ktrdr", "--port", "0");
      assertThat(down.toString())
          .contains("[FAIL] Database", "Cannot connect to PostgreSQL database")
          .doesNotContain("s3cret");
    }
  }
}
