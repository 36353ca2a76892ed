package dev.ktrdr.desktop.table;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/** Test data for the table: research snapshots, and a list that replays every change it hears. */
final class Rows {
  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private Rows() {}

  static Operation research(String hash, Instant created, OperationStatus status, String phase) {
    return research(hash, created, status, phase, 0, Map.of());
  }

  static Operation research(
      String hash,
      Instant created,
      OperationStatus status,
      String phase,
      double progress,
      Map<String, Object> extra) {
    Map<String, Object> params = new java.util.LinkedHashMap<>(extra);
    params.put("phase", phase);
    params.put("brief", "brief " + hash);
    return new Operation(
        "op_agent_research_20261128_100000_" + hash,
        null,
        OperationType.AGENT_RESEARCH,
        status,
        created,
        created,
        status.isTerminal() ? created.plusSeconds(60) : null,
        progress,
        null,
        params,
        null,
        null);
  }

  /** The same snapshot as the engine would stamp it: committed change number {@code version}. */
  static Operation versioned(Operation op, long version) {
    return new Operation(
        op.operationId(),
        op.parentOperationId(),
        op.operationType(),
        op.status(),
        op.createdAt(),
        op.startedAt(),
        op.completedAt(),
        op.progressPercentage(),
        op.currentStep(),
        op.parameters(),
        op.errorMessage(),
        op.resultSummary(),
        op.research(),
        version);
  }

  static Operation running(String hash, int secondsAfterT0) {
    return research(hash, T0.plusSeconds(secondsAfterT0), OperationStatus.RUNNING, "designing");
  }

  /** Merges snapshots as one batch of events at {@code at}. */
  static List<OperationRow> merge(TableModel m, Instant at, Operation... ops) {
    return m.merge(List.of(ops), at, true);
  }

  static List<String> hashes(List<OperationRow> rows) {
    List<String> out = new ArrayList<>();
    for (OperationRow r : rows) {
      out.add(r.shortId());
    }
    return out;
  }

  /**
   * A copy of {@code source} kept up to date only through its change events, as a TableView's skin
   * and selection model see it: if the events are wrong, the copy drifts.
   */
  static List<OperationRow> mirror(ObservableList<OperationRow> source) {
    List<OperationRow> copy = new ArrayList<>(source);
    source.addListener(
        (ListChangeListener<OperationRow>)
            c -> {
              while (c.next()) {
                if (c.wasPermutated()) {
                  List<OperationRow> before = new ArrayList<>(copy);
                  for (int i = c.getFrom(); i < c.getTo(); i++) {
                    copy.set(c.getPermutation(i), before.get(i));
                  }
                } else {
                  for (int i = 0; i < c.getRemovedSize(); i++) {
                    copy.remove(c.getFrom());
                  }
                  copy.addAll(c.getFrom(), c.getAddedSubList());
                }
              }
            });
    return copy;
  }
}
