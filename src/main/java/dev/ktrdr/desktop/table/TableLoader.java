package dev.ktrdr.desktop.table;

import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every research, a page of {@link OperationQuery#MAX_LIMIT} at a time, newest first, off the
 * UI thread, handing each page over as it comes so that the table fills while the user already
 * works; then the current children of the active ones, for their progress. All of them, not a first
 * page: the filter must find the oldest research too.
 */
public final class TableLoader {
  static final int PAGE = OperationQuery.MAX_LIMIT;
  static final int CHILD_CHUNK = 500;

  /**
   * One page as read. Each snapshot carries its version, which orders it against events ({@link
   * SnapshotOrder}).
   */
  public record Page(List<Operation> researches, int offset, int total) {}

  /** What the loader tells its user, on the UI thread. */
  public interface Sink {
    void page(Page page);

    void children(List<Operation> currentChildren);

    void done(int total);

    void failed(Throwable e);
  }

  private final Engine engine;
  private final TaskExecutor executor;

  public TableLoader(Engine engine, TaskExecutor executor) {
    this.engine = engine;
    this.executor = executor;
  }

  /** Starts loading; pages arrive through {@code sink}, then the children, then done. */
  public void loadAll(Sink sink) {
    next(0, new ArrayList<>(), sink);
  }

  private void next(int offset, List<String> activeChildren, Sink sink) {
    executor.execute(
        () -> {
          var page =
              engine
                  .backend()
                  .list(
                      new OperationQuery(
                          null, OperationType.AGENT_RESEARCH, false, null, PAGE, offset));
          return new Page(page.operations(), offset, page.totalCount());
        },
        page -> {
          sink.page(page);
          for (Operation r : page.researches()) {
            String c = r.isActive() ? ResearchParams.currentChildId(r) : null;
            if (c != null) {
              activeChildren.add(c);
            }
          }
          // Rows created meanwhile push older ones to later offsets: a row may come twice (the
          // table merges by id), none is missed.
          if (page.researches().size() == PAGE) {
            next(offset + PAGE, activeChildren, sink);
          } else {
            children(activeChildren, page.offset() + page.researches().size(), sink);
          }
        },
        sink::failed);
  }

  private void children(List<String> ids, int total, Sink sink) {
    executor.execute(
        () -> {
          List<Operation> out = new ArrayList<>();
          for (int i = 0; i < ids.size(); i += CHILD_CHUNK) {
            out.addAll(
                engine.backend().getAll(ids.subList(i, Math.min(ids.size(), i + CHILD_CHUNK))));
          }
          return new Page(out, 0, total);
        },
        p -> {
          sink.children(p.researches());
          sink.done(total);
        },
        sink::failed);
  }
}
