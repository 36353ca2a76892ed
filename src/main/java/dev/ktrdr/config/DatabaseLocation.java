package dev.ktrdr.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the store lives: an SQLite file (the default) or a PostgreSQL database. The one place a
 * {@code --db} value or {@code $KTRDR_DB} is read: a {@code postgresql://}, {@code postgres://} or
 * {@code jdbc:postgresql://} URL names a PostgreSQL database, anything else is a file path.
 *
 * <p>A password given in the URL is kept only to connect: {@link #display()} and {@code toString()}
 * never show it, and no parse error echoes the value.
 */
public sealed interface DatabaseLocation
    permits DatabaseLocation.SqliteFile, DatabaseLocation.Postgres {

  /** The PostgreSQL port when the URL names none. */
  int DEFAULT_PG_PORT = 5432;

  /** What logs, messages and the launch line show: the path, or the URL without password. */
  String display();

  /**
   * Reads a {@code --db} value or {@code $KTRDR_DB}.
   *
   * @throws IllegalArgumentException saying what is wrong, without the password
   */
  static DatabaseLocation parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the database is empty");
    }
    String value = text.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql://")) {
      return Postgres.parseUrl(value.substring("jdbc:".length()));
    }
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      return Postgres.parseUrl(value);
    }
    int scheme = value.indexOf("://");
    if (scheme > 0) {
      throw new IllegalArgumentException(
          "unsupported database URL scheme '"
              + value.substring(0, scheme)
              + "': expected a file path or postgresql://user@host:5432/database");
    }
    try {
      return new SqliteFile(Path.of(value).toAbsolutePath());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a usable file path: " + e.getReason());
    }
  }

  /** The embedded SQLite database in one file. */
  record SqliteFile(Path path) implements DatabaseLocation {
    @Override
    public String display() {
      return path.toString();
    }
  }

  /**
   * A PostgreSQL database. {@code options} are the URL's other query parameters (such as {@code
   * sslmode=require}), passed to the driver as they were.
   */
  record Postgres(
      String host, int port, String database, String user, String password, String options)
      implements DatabaseLocation {

    static Postgres parseUrl(String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "not a valid PostgreSQL URL ("
                + e.getReason()
                + "): expected postgresql://user[:password]@host[:port]/database");
      }
      String host = uri.getHost();
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException(
            "the PostgreSQL URL names no host: expected postgresql://user@host:5432/database");
      }
      int port = uri.getPort() == -1 ? DEFAULT_PG_PORT : uri.getPort();
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(
            "the PostgreSQL URL's port " + port + " is not a port (1 to 65535)");
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      String database = decode(path.startsWith("/") ? path.substring(1) : path);
      if (database.isBlank() || database.contains("/")) {
        throw new IllegalArgumentException(
            "the PostgreSQL URL names no database: expected postgresql://user@"
                + host
                + ":"
                + port
                + "/ktrdr");
      }
      String user = null;
      String password = null;
      String info = uri.getRawUserInfo();
      if (info != null && !info.isEmpty()) {
        int colon = info.indexOf(':');
        user = decode(colon < 0 ? info : info.substring(0, colon));
        password = colon < 0 ? null : decode(info.substring(colon + 1));
      }
      List<String> options = new ArrayList<>();
      String query = uri.getRawQuery();
      if (query != null && !query.isEmpty()) {
        for (String pair : query.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String key = decode(eq < 0 ? pair : pair.substring(0, eq));
          String val = eq < 0 ? "" : decode(pair.substring(eq + 1));
          if (key.equals("user")) {
            user = val;
          } else if (key.equals("password")) {
            password = val;
          } else {
            options.add(pair);
          }
        }
      }
      return new Postgres(
          host,
          port,
          database,
          user == null || user.isEmpty() ? null : user,
          password == null || password.isEmpty() ? null : password,
          String.join("&", options));
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the PostgreSQL URL has a malformed %-escape");
      }
    }

    /** The driver's URL, without user and password (they are passed apart). */
    public String jdbcUrl() {
      String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
      return "jdbc:postgresql://"
          + h
          + ":"
          + port
          + "/"
          + database
          + (options.isEmpty() ? "" : "?" + options);
    }

    @Override
    public String display() {
      return "postgresql://"
          + (user == null ? "" : user + "@")
          + host
          + ":"
          + port
          + "/"
          + database;
    }

    /** Never the password: records print every component otherwise. */
    @Override
    public String toString() {
      return display();
    }
  }
}
