package dev.ktrdr.desktop.detail;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.ResearchParameters;
import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.model.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Charts tab shows of a research, read from its snapshot and its children's results (the
 * design's spec, the training's loss curve, the backtest's equity curve and trades), with a
 * sentence for each part that has nothing to show yet and why. No scene graph: plain data, tested
 * as such.
 *
 * @param spec the strategy spec, readable (indented {@code key: value} lines), or null
 * @param lossCurve the loss per epoch, empty when there is none
 * @param equity the out-of-sample equity against buy-and-hold, empty when there is none
 * @param trades the backtest's trades, empty when there are none
 * @param specNote, lossNote, equityNote why a part is empty (null when it is not)
 */
public record ResearchResults(
    String spec,
    List<Double> lossCurve,
    List<EquityRow> equity,
    List<TradeRow> trades,
    String specNote,
    String lossNote,
    String equityNote) {

  /** One point of the equity curve: a multiple of the starting capital. */
  public record EquityRow(String time, double equity, double buyAndHold) {}

  /** One round trip of the backtest. */
  public record TradeRow(
      String direction,
      String entryTime,
      double entryPrice,
      String exitTime,
      double exitPrice,
      double netReturn,
      int barsHeld,
      String exitReason) {}

  public ResearchResults {
    lossCurve = List.copyOf(lossCurve);
    equity = List.copyOf(equity);
    trades = List.copyOf(trades);
  }

  /** Nothing selected. */
  public static final ResearchResults NONE =
      new ResearchResults(
          null,
          List.of(),
          List.of(),
          List.of(),
          "Select a research.",
          "Select a research.",
          "Select a research.");

  /** Reads {@code research} and its {@code children} (any order; the newest of each type wins). */
  public static ResearchResults of(Operation research, List<Operation> children) {
    if (research == null) {
      return NONE;
    }
    Operation training = latest(children, OperationType.TRAINING);
    Operation backtest = latest(children, OperationType.BACKTESTING);
    Object specMap = research.parameters().get(ResearchParameters.STRATEGY_SPEC);
    String spec = specMap instanceof Map ? readable(specMap) : null;
    List<Double> loss = numbers(result(training, TrainingResult.LOSS_CURVE));
    List<EquityRow> equity = equityRows(result(backtest, BacktestResult.EQUITY_CURVE));
    List<TradeRow> trades = tradeRows(result(backtest, BacktestResult.TRADES));
    return new ResearchResults(
        spec,
        loss,
        equity,
        trades,
        spec != null
            ? null
            : why(research, null, "No strategy spec yet: the design has not ended."),
        !loss.isEmpty() ? null : why(research, training, "No loss curve: training has not run."),
        !equity.isEmpty()
            ? null
            : why(research, backtest, "No equity curve: the backtest has not run."));
  }

  /** Why a part is empty, in the research's own words where it has ended. */
  private static String why(Operation research, Operation child, String notYet) {
    if (child != null && child.status() == OperationStatus.RUNNING) {
      return "Running (" + Math.round(child.progressPercentage()) + "%): shown when it ends.";
    }
    if (child != null && child.status() == OperationStatus.PENDING) {
      return "Waiting for a worker: shown when it has run.";
    }
    return switch (research.status()) {
      case CANCELLED -> "None: the research was cancelled.";
      case FAILED ->
          "None: the research failed"
              + (research.errorMessage() == null ? "." : ": " + research.errorMessage());
      case COMPLETED ->
          child == null
              ? "None: the research ended without this phase (a gate or a stub run)."
              : "None: this phase produced no series (a stub run).";
      default -> notYet;
    };
  }

  private static Operation latest(List<Operation> children, OperationType type) {
    Operation found = null;
    for (Operation c : children) {
      if (c.operationType() == type
          && (found == null || c.createdAt().compareTo(found.createdAt()) >= 0)) {
        found = c;
      }
    }
    return found;
  }

  private static Object result(Operation child, String key) {
    if (child == null
        || child.status() != OperationStatus.COMPLETED
        || child.resultSummary() == null) {
      return null;
    }
    return child.resultSummary().get(key);
  }

  private static List<Double> numbers(Object o) {
    List<Double> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object v : l) {
        if (v instanceof Number n) {
          out.add(n.doubleValue());
        }
      }
    }
    return out;
  }

  private static List<EquityRow> equityRows(Object o) {
    List<EquityRow> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object v : l) {
        if (v instanceof Map<?, ?> m
            && m.get("equity") instanceof Number e
            && m.get("buy_and_hold") instanceof Number b) {
          out.add(new EquityRow(String.valueOf(m.get("time")), e.doubleValue(), b.doubleValue()));
        }
      }
    }
    return out;
  }

  private static List<TradeRow> tradeRows(Object o) {
    List<TradeRow> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object v : l) {
        if (v instanceof Map<?, ?> m) {
          out.add(
              new TradeRow(
                  String.valueOf(m.get("direction")),
                  String.valueOf(m.get("entry_time")),
                  num(m.get("entry_price")),
                  String.valueOf(m.get("exit_time")),
                  num(m.get("exit_price")),
                  num(m.get("return")),
                  (int) num(m.get("bars_held")),
                  String.valueOf(m.get("exit_reason"))));
        }
      }
    }
    return out;
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The spec as indented {@code key: value} lines; lists of maps as "- " items. */
  static String readable(Object spec) {
    StringBuilder sb = new StringBuilder();
    write(sb, spec, 0);
    return sb.toString().stripTrailing();
  }

  private static void write(StringBuilder sb, Object o, int indent) {
    String pad = "  ".repeat(indent);
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object v = e.getValue();
        if (v instanceof Map<?, ?> || (v instanceof List<?> l && !l.isEmpty() && !scalars(l))) {
          sb.append(pad).append(e.getKey()).append(":\n");
          write(sb, v, indent + 1);
        } else {
          sb.append(pad).append(e.getKey()).append(": ").append(scalar(v)).append('\n');
        }
      }
    } else if (o instanceof List<?> l) {
      for (Object v : l) {
        if (v instanceof Map<?, ?> m) {
          // "- type: rsi, period: 14": an indicator on one line when it is flat
          if (m.values().stream().noneMatch(x -> x instanceof Map || x instanceof List)) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + ": " + scalar(x)));
            sb.append(pad).append("- ").append(String.join(", ", parts)).append('\n');
          } else {
            sb.append(pad).append("-\n");
            write(sb, v, indent + 1);
          }
        } else {
          sb.append(pad).append("- ").append(scalar(v)).append('\n');
        }
      }
    } else {
      sb.append(pad).append(scalar(o)).append('\n');
    }
  }

  private static boolean scalars(List<?> l) {
    return l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
  }

  private static String scalar(Object v) {
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(scalar(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }
}
