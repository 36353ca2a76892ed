package dev.ktrdr.desktop.shell;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationListener;
import dev.ktrdr.operations.OperationPage;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportResult;
import dev.ktrdr.workers.WorkerSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Everything the console asks of the system it shows: the coordinator's actions, the operations and
 * their logs, the workers, the datasets, and the live stream of changes. Two kinds stand behind it:
 * the engine in this process ({@link LocalBackend}, the same service methods the HTTP API calls)
 * and a {@code ktrdr serve} on another machine ({@code ktrdr console --connect URL}), reached over
 * the API. The window cannot tell them apart, so both show the same table and the same Cancel.
 *
 * <p>Every method but the listener ones may block (database, network): call them off the UI thread.
 * Failures are exceptions whose message is fit to show.
 */
public interface ConsoleBackend {

  /** Starts a research, or says why not (capacity, budget). */
  TriggerReply trigger(TriggerRequest request);

  /** Cancels one research; a refusal (ended, not found, someone else first) says why. */
  CancelReply cancel(String researchId, CancelSource by);

  List<WorkerSnapshot> workers();

  BudgetReply budget();

  /** How many researches may be active at once. */
  int concurrencyLimit();

  OperationPage list(OperationQuery query);

  Optional<Operation> get(String id);

  List<Operation> getAll(Collection<String> ids);

  List<Operation> children(String parentId);

  /**
   * The newest {@code limit} log lines of one operation, oldest first; of every operation when
   * {@code operationId} is null.
   */
  List<EventRecord> history(String operationId, int limit);

  /** Committed changes, from now on; the listener must not block. */
  void addListener(OperationListener listener);

  void removeListener(OperationListener listener);

  /** The datasets a research may run on (bundled, then imported). */
  List<DatasetSummary> datasets();

  /**
   * Imports a CSV file's bars as a new dataset, all or none.
   *
   * @param name the new dataset's id, or null for {@code symbol-timeframe}
   */
  ImportResult importCsv(String csv, String fileName, String symbol, String timeframe, String name);

  /** Where the console's data lives, for the title and the status bar. */
  String describe();
}
