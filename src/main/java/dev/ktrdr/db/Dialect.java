package dev.ktrdr.db;

import java.util.List;

/**
 * What differs between the two databases the store runs on, in one place. The store's statements
 * are plain SQL both accept (text for JSON and timestamps, integers 0/1 for booleans, {@code ON
 * CONFLICT … DO NOTHING}, {@code LIMIT … OFFSET}), so what is left is the schema's first migration
 * and the width of a few numbers (the vendor folder below), and how a connection is opened, held
 * and closed ({@link Database}).
 */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  /** The migrations both databases share. */
  static final String SHARED_MIGRATIONS = "classpath:db/migration";

  private final String vendor;

  Dialect(String vendor) {
    this.vendor = vendor;
  }

  /** Flyway locations: the shared migrations and this database's own few. */
  public List<String> migrationLocations() {
    return List.of(SHARED_MIGRATIONS, "classpath:db/vendor/" + vendor);
  }
}
