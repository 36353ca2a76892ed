package dev.ktrdr.research.data;

import dev.ktrdr.research.ResearchJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DatasetStore} in the tables of migration {@code V010__create_datasets.sql}; plain SQL
 * that runs on SQLite and PostgreSQL. Each save is one transaction: a dataset is there with all its
 * bars, or not at all.
 */
public final class JdbcDatasetStore implements DatasetStore {
  private static final int BATCH = 1000;
  private final ConnectionProvider connections;

  public JdbcDatasetStore(ConnectionProvider connections) {
    this.connections = connections;
  }

  @Override
  public void save(Dataset dataset, ImportReport report, boolean replace) {
    inTransaction(
        "save dataset " + dataset.id(),
        c -> {
          if (exists(c, dataset.id())) {
            if (!replace) {
              throw new DatasetExistsException(dataset.id());
            }
            deleteRows(c, dataset.id());
          }
          insert(c, dataset, report);
          return null;
        });
  }

  @Override
  public Optional<Dataset> find(String id) {
    return withConnection("read dataset " + id, c -> find(c, id));
  }

  /** The dataset {@code id} with all its bars, read on {@code c}; for stores that share the SQL. */
  public static Optional<Dataset> find(Connection c, String id) throws SQLException {
    DatasetSummary s = null;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT dataset_id, symbol, timeframe, source, bar_count, first_bar_ms,"
                + " last_bar_ms FROM datasets WHERE dataset_id = ? AND complete = 1")) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next()) {
          s = summary(rs);
        }
      }
    }
    if (s == null) {
      return Optional.empty();
    }
    List<Bar> bars = new ArrayList<>(s.barCount());
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT bar_ms, open, high, low, close, volume FROM dataset_bars"
                + " WHERE dataset_id = ? ORDER BY bar_ms")) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          bars.add(
              new Bar(
                  Instant.ofEpochMilli(rs.getLong(1)),
                  rs.getDouble(2),
                  rs.getDouble(3),
                  rs.getDouble(4),
                  rs.getDouble(5),
                  rs.getDouble(6)));
        }
      }
    }
    return Optional.of(
        new Dataset(s.id(), s.symbol(), Timeframe.parse(s.timeframe()), s.source(), bars));
  }

  @Override
  public List<DatasetSummary> list() {
    return withConnection("list datasets", JdbcDatasetStore::list);
  }

  /** Summaries of all stored datasets, by id, read on {@code c}. */
  public static List<DatasetSummary> list(Connection c) throws SQLException {
    List<DatasetSummary> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT dataset_id, symbol, timeframe, source, bar_count, first_bar_ms,"
                    + " last_bar_ms FROM datasets WHERE complete = 1 ORDER BY dataset_id");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(summary(rs));
      }
    }
    return out;
  }

  @Override
  public boolean delete(String id) {
    return inTransaction("delete dataset " + id, c -> deleteRows(c, id) > 0);
  }

  private static DatasetSummary summary(ResultSet rs) throws SQLException {
    return new DatasetSummary(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(6)),
        Instant.ofEpochMilli(rs.getLong(7)),
        rs.getInt(5));
  }

  /** True if a dataset {@code id} is stored, complete or being imported. */
  public static boolean exists(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM datasets WHERE dataset_id = ?")) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Deletes dataset {@code id} and its bars on {@code c}; the number of datasets deleted. */
  public static int deleteRows(Connection c, String id) throws SQLException {
    // bars first: the foreign key's cascade is not relied on (SQLite enforces it only when asked)
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM dataset_bars WHERE dataset_id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM datasets WHERE dataset_id = ?")) {
      p.setString(1, id);
      return p.executeUpdate();
    }
  }

  private static void insert(Connection c, Dataset d, ImportReport report) throws SQLException {
    insertRow(c, d.summary(), report, true);
    insertBars(c, d.id(), d.bars());
  }

  /**
   * Inserts the dataset's row, before its bars (they refer to it). A store that writes the bars in
   * several transactions inserts it with {@code complete} false and calls {@link #markComplete}
   * after the last bar: until then the dataset is neither found nor listed.
   */
  public static void insertRow(
      Connection c, DatasetSummary s, ImportReport report, boolean complete) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO datasets (dataset_id, symbol, timeframe, source, bar_count, first_bar_ms,"
                + " last_bar_ms, created_at, import_report, complete)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, s.id());
      p.setString(2, s.symbol());
      p.setString(3, s.timeframe());
      p.setString(4, s.source());
      p.setInt(5, s.barCount());
      p.setLong(6, s.firstBar().toEpochMilli());
      p.setLong(7, s.lastBar().toEpochMilli());
      p.setString(8, Instant.now().toString());
      p.setString(9, report == null ? null : ResearchJson.write(report.toMap()));
      p.setInt(10, complete ? 1 : 0);
      p.executeUpdate();
    }
  }

  /** Makes a dataset inserted with {@code complete} false visible; false if there was none. */
  public static boolean markComplete(Connection c, String id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE datasets SET complete = 1 WHERE dataset_id = ?")) {
      p.setString(1, id);
      return p.executeUpdate() > 0;
    }
  }

  /** Inserts {@code bars} of dataset {@code id} (all of them, or one slice of them). */
  public static void insertBars(Connection c, String id, List<Bar> bars) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO dataset_bars (dataset_id, bar_ms, open, high, low, close, volume)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (Bar b : bars) {
        p.setString(1, id);
        p.setLong(2, b.time().toEpochMilli());
        p.setDouble(3, b.open());
        p.setDouble(4, b.high());
        p.setDouble(5, b.low());
        p.setDouble(6, b.close());
        p.setDouble(7, b.volume());
        p.addBatch();
        if (++n % BATCH == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
  }

  /**
   * Deletes what an import interrupted before it completed left behind: the incomplete dataset
   * {@code id} with its bars ({@code id} null: every incomplete dataset). Returns the datasets
   * deleted.
   */
  public static int deleteIncomplete(Connection c, String id) throws SQLException {
    String which =
        "SELECT dataset_id FROM datasets WHERE complete = 0"
            + (id == null ? "" : " AND dataset_id = ?");
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM dataset_bars WHERE dataset_id IN (" + which + ")")) {
      if (id != null) {
        p.setString(1, id);
      }
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "DELETE FROM datasets WHERE complete = 0"
                + (id == null ? "" : " AND dataset_id = ?"))) {
      if (id != null) {
        p.setString(1, id);
      }
      return p.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(String what, Work<T> work) {
    Connection c = null;
    try {
      c = connections.acquire();
      return work.run(c);
    } catch (SQLException e) {
      throw new DatasetStoreException("cannot " + what + ": " + e.getMessage(), e);
    } finally {
      release(c);
    }
  }

  private <T> T inTransaction(String what, Work<T> work) {
    return withConnection(
        what,
        c -> {
          boolean auto = c.getAutoCommit();
          c.setAutoCommit(false);
          try {
            T result = work.run(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(auto);
          }
        });
  }

  private void release(Connection c) {
    if (c != null) {
      try {
        connections.release(c);
      } catch (SQLException e) {
        throw new DatasetStoreException("cannot release the connection: " + e.getMessage(), e);
      }
    }
  }
}
