package dev.ktrdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {
  @Test
  void aPathIsAnSqliteFile() {
    assertThat(DatabaseLocation.parse("/tmp/k.db"))
        .isEqualTo(new DatabaseLocation.SqliteFile(Path.of("/tmp/k.db")));
    assertThat(DatabaseLocation.parse("k.db"))
        .isEqualTo(new DatabaseLocation.SqliteFile(Path.of("k.db").toAbsolutePath()));
  }

  @Test
  void postgresUrlsInTheirThreeSpellings() {
    DatabaseLocation.Postgres expected =
        new DatabaseLocation.Postgres("db.lan", 5433, "ktrdr", "ops", "p@ss:w/rd", "");
    assertThat(DatabaseLocation.parse("postgresql://ops:p%40ss%3Aw%2Frd@db.lan:5433/ktrdr"))
        .isEqualTo(expected);
    assertThat(DatabaseLocation.parse("postgres://ops:p%40ss%3Aw%2Frd@db.lan:5433/ktrdr"))
        .isEqualTo(expected);
    assertThat(
            DatabaseLocation.parse(
                "jdbc:postgresql://db.lan:5433/ktrdr?user=ops&password=p%40ss%3Aw%2Frd"))
        .isEqualTo(expected);
  }

  @Test
  void defaultsAndDriverOptions() {
    DatabaseLocation.Postgres pg =
        (DatabaseLocation.Postgres)
            DatabaseLocation.parse("postgresql://localhost/ktrdr?sslmode=require");
    assertThat(pg.port()).isEqualTo(5432);
    assertThat(pg.user()).isNull();
    assertThat(pg.password()).isNull();
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/ktrdr?sslmode=require");
    assertThat(pg.display()).isEqualTo("postgresql://localhost:5432/ktrdr");
  }

  @Test
  void thePasswordIsNeverShown() {
    DatabaseLocation pg = DatabaseLocation.parse("postgresql://ops:s3cret@db.lan/ktrdr");
    assertThat(pg.display()).isEqualTo("postgresql://ops@db.lan:5432/ktrdr");
    assertThat(pg.toString()).doesNotContain("s3cret");
    assertThat(((DatabaseLocation.Postgres) pg).jdbcUrl()).doesNotContain("s3cret");
  }

  @Test
  void whatIsNotUsableSaysWhy() {
    assertThatThrownBy(() -> DatabaseLocation.parse(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://h/"))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://h/a/b"))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://u:s3cret@h/db%zz"))
        .hasMessageContaining("Malformed escape")
        .message()
        .doesNotContain("s3cret");
    assertThatThrownBy(() -> DatabaseLocation.parse("http://h/db"))
        .hasMessageContaining("unsupported database URL scheme 'http'");
  }
}
