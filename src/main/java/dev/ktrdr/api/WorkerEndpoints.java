package dev.ktrdr.api;

import dev.ktrdr.agent.DataService;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.wire.DatasetBars;
import dev.ktrdr.wire.WorkerAssignment;
import dev.ktrdr.wire.WorkerJob;
import dev.ktrdr.wire.WorkerPoll;
import dev.ktrdr.wire.WorkerProgress;
import dev.ktrdr.wire.WorkerProgressReply;
import dev.ktrdr.wire.WorkerRegistered;
import dev.ktrdr.wire.WorkerRegistration;
import dev.ktrdr.wire.WorkerResult;
import dev.ktrdr.wire.WorkerResultReply;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.remote.Assignment;
import dev.ktrdr.workers.remote.Outcome;
import dev.ktrdr.workers.remote.Registration;
import dev.ktrdr.workers.remote.RemoteJob;
import dev.ktrdr.workers.remote.RemoteWorkers;
import dev.ktrdr.workers.remote.UnknownWorkerException;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The routes a worker process on another machine uses ({@code ktrdr worker}): register, long-poll
 * for jobs and cancels, report progress and results, read a dataset's bars. Thin adapters onto
 * {@link RemoteWorkers}; an unknown worker id is a 404, which tells the worker to register again.
 */
final class WorkerEndpoints {
  private final RemoteWorkers remote;
  private final DataService data;
  private final Requests requests;
  private final Requests results;

  /** {@code results} reads result bodies (a training's fitted model, a backtest's trades). */
  WorkerEndpoints(RemoteWorkers remote, DataService data, Requests requests, Requests results) {
    this.remote = remote;
    this.data = data;
    this.requests = requests;
    this.results = results;
  }

  /** 201 with the worker's id and lease; 422 for a bad type, capacity or id. */
  void register(Context ctx) {
    WorkerRegistration body = requests.body(ctx, WorkerRegistration.class, null);
    if (body == null || body.workerType() == null) {
      throw ApiException.unprocessable(
          "The body must be a JSON object with the fields worker_type, capacity (and optionally"
              + " worker_id, host, running)");
    }
    WorkerType type =
        Arrays.stream(WorkerType.values())
            .filter(t -> t.wire().equals(body.workerType()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiException.unprocessable(
                        "worker_type must be training or backtesting, not '"
                            + Requests.abbreviate(body.workerType())
                            + "'"));
    Registration r;
    try {
      r =
          remoteWorkers()
              .register(
                  body.workerId(),
                  type,
                  body.capacity(),
                  body.running() == null ? List.of() : body.running(),
                  body.host() == null ? ctx.ip() : body.host() + " (" + ctx.ip() + ")");
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable(e.getMessage());
    }
    ctx.status(201)
        .json(
            new WorkerRegistered(
                r.workerId(),
                r.slots(),
                r.lease().toMillis() / 1000.0,
                r.pollWait().toMillis() / 1000.0,
                r.reclaimed(),
                r.stop()));
  }

  /** 200 with jobs and cancels, at once or when something arrives (at most the poll wait). */
  void poll(Context ctx) {
    Requests.onlyKnownQueryParams(ctx, Set.of());
    String id = workerId(ctx);
    WorkerPoll body = requests.body(ctx, WorkerPoll.class, null);
    List<String> running = body == null ? null : body.running();
    var future = unknownIs404(() -> remoteWorkers().poll(id, running));
    ctx.future(() -> future.thenAccept(a -> ctx.json(assignment(a))));
  }

  /** 200 saying whether the job is still wanted. */
  void progress(Context ctx) {
    String id = workerId(ctx);
    WorkerProgress body = requests.body(ctx, WorkerProgress.class, null);
    if (body == null || body.operationId() == null) {
      throw ApiException.unprocessable(
          "The body must be a JSON object with the fields operation_id, percentage (and"
              + " optionally current_step)");
    }
    if (!(body.percentage() >= 0 && body.percentage() <= 100)) {
      throw ApiException.unprocessable("percentage must be from 0 to 100");
    }
    boolean keep =
        unknownIs404(
            () ->
                remoteWorkers()
                    .progress(id, body.operationId(), body.percentage(), body.currentStep()));
    ctx.json(new WorkerProgressReply(keep));
  }

  /**
   * 200 when the result is recorded; 409 when it is refused (the job ended, or is not this one's).
   */
  void result(Context ctx) {
    String id = workerId(ctx);
    WorkerResult body = results.body(ctx, WorkerResult.class, null);
    if (body == null || body.operationId() == null) {
      throw ApiException.unprocessable(
          "The body must be a JSON object with the fields operation_id and result or error");
    }
    if ((body.result() == null) == (body.error() == null)) {
      throw ApiException.unprocessable("Send exactly one of result and error");
    }
    Outcome o =
        unknownIs404(
            () -> remoteWorkers().finish(id, body.operationId(), body.result(), body.error()));
    if (!o.accepted()) {
      throw new ApiException(409, o.message());
    }
    ctx.json(new WorkerResultReply(true, o.message()));
  }

  /** 200 with all the bars of a dataset; 404 for an unknown one. */
  void bars(Context ctx) {
    Requests.onlyKnownQueryParams(ctx, Set.of());
    String id = ctx.pathParam("id");
    Dataset d =
        data.catalog()
            .find(id)
            .orElseThrow(() -> ApiException.notFound("No dataset " + Requests.abbreviate(id)));
    ctx.json(
        new DatasetBars(
            d.id(),
            d.symbol(),
            d.timeframe().label(),
            d.source(),
            d.bars().stream()
                .map(
                    b ->
                        new DatasetBars.WireBar(
                            b.time().toString(),
                            b.open(),
                            b.high(),
                            b.low(),
                            b.close(),
                            b.volume()))
                .toList()));
  }

  private RemoteWorkers remoteWorkers() {
    if (remote == null) {
      throw new ApiException(503, "This server takes no remote workers");
    }
    return remote;
  }

  private static String workerId(Context ctx) {
    String id = ctx.pathParam("worker_id");
    if (id.length() > 64) {
      throw ApiException.notFound("No worker " + Requests.abbreviate(id));
    }
    return id;
  }

  private static <T> T unknownIs404(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (UnknownWorkerException e) {
      throw ApiException.notFound(e.getMessage());
    }
  }

  private static WorkerAssignment assignment(Assignment a) {
    return new WorkerAssignment(a.jobs().stream().map(WorkerEndpoints::job).toList(), a.cancels());
  }

  private static WorkerJob job(RemoteJob j) {
    return new WorkerJob(
        j.operationId(), j.researchId(), j.type().wire(), j.parameters(), j.trainingResult());
  }
}
