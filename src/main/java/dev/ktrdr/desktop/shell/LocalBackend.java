package dev.ktrdr.desktop.shell;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.DataService;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationListener;
import dev.ktrdr.operations.OperationPage;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportResult;
import dev.ktrdr.workers.WorkerSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The engine in this process: each call is the service method the HTTP API calls too. */
public final class LocalBackend implements ConsoleBackend {
  private final AgentService agent;
  private final OperationsService ops;
  private final DataService data;

  /**
   * @param data null for a console without datasets (the trigger bar offers only the default)
   */
  public LocalBackend(AgentService agent, OperationsService ops, DataService data) {
    this.agent = agent;
    this.ops = ops;
    this.data = data;
  }

  @Override
  public TriggerReply trigger(TriggerRequest request) {
    return agent.trigger(request);
  }

  @Override
  public CancelReply cancel(String researchId, CancelSource by) {
    return agent.cancel(researchId, null, by);
  }

  @Override
  public List<WorkerSnapshot> workers() {
    return agent.workers();
  }

  @Override
  public BudgetReply budget() {
    return agent.budget();
  }

  @Override
  public int concurrencyLimit() {
    return agent.concurrencyLimit();
  }

  @Override
  public OperationPage list(OperationQuery query) {
    return ops.list(query);
  }

  @Override
  public Optional<Operation> get(String id) {
    return ops.get(id);
  }

  @Override
  public List<Operation> getAll(Collection<String> ids) {
    return ops.getAll(ids);
  }

  @Override
  public List<Operation> children(String parentId) {
    return ops.children(parentId);
  }

  @Override
  public List<EventRecord> history(String operationId, int limit) {
    return ops.history(operationId, limit);
  }

  @Override
  public void addListener(OperationListener listener) {
    ops.addListener(listener);
  }

  @Override
  public void removeListener(OperationListener listener) {
    ops.removeListener(listener);
  }

  @Override
  public List<DatasetSummary> datasets() {
    return requireData().list();
  }

  @Override
  public ImportResult importCsv(
      String csv, String fileName, String symbol, String timeframe, String name) {
    return requireData().importCsv(csv, fileName, symbol, timeframe, name);
  }

  @Override
  public String describe() {
    return "this machine";
  }

  private DataService requireData() {
    if (data == null) {
      throw new IllegalStateException("this console has no datasets");
    }
    return data;
  }
}
