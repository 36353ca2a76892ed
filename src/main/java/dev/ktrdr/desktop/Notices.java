package dev.ktrdr.desktop;

import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.desktop.notify.Notice;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;

/** The pop-up for a research that ended: completed, failed or cancelled, in words. */
final class Notices {
  private Notices() {}

  static Notice ended(OperationEvent e) {
    Operation op = e.operation();
    String strategy = op == null ? null : op.param(ResearchParams.STRATEGY_NAME);
    String what = strategy == null ? e.operationId() : strategy + " (" + e.operationId() + ")";
    switch (e.to()) {
      case COMPLETED:
        String verdict = op == null ? null : op.param(ResearchParams.ASSESSMENT_VERDICT);
        return new Notice(
            Notice.Level.INFO,
            e.operationId(),
            "Research completed",
            what + (verdict == null ? "" : " — verdict: " + verdict),
            true);
      case FAILED:
        return new Notice(
            Notice.Level.ERROR,
            e.operationId(),
            "Research failed",
            what + (op == null || op.errorMessage() == null ? "" : ": " + op.errorMessage()),
            true);
      default:
        String by = op == null ? null : op.param(ResearchParams.CANCELLED_BY);
        return new Notice(
            Notice.Level.WARNING,
            e.operationId(),
            "Research cancelled",
            what + (by == null ? "" : " — by " + by),
            true);
    }
  }
}
