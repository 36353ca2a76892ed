package dev.ktrdr.agent.budget;

import dev.ktrdr.agent.Model;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily model budget (SPEC §6): spend per UTC day, recorded in the database from token counts,
 * checked only when a research is triggered.
 *
 * <p>Today's total is read from the ledger once a day and then kept in memory, changed by each
 * entry this budget records: a trigger checks it without reading the database. That holds because
 * this budget is the ledger's only writer (the database is locked to one process); the ledger stays
 * the truth, read afresh on every start and every new day.
 */
public final class Budget {
  private static final Logger log = LoggerFactory.getLogger(Budget.class);

  /** Below this remaining amount a trigger is refused: one research costs about this much. */
  public static final BigDecimal MINIMUM_TO_START = new BigDecimal("0.15");

  private final SpendLedger ledger;
  private final BigDecimal dailyLimit;
  private final Clock clock;
  private LocalDate cachedDay; // guarded by this
  private BigDecimal cachedTotal; // guarded by this

  public Budget(SpendLedger ledger, BigDecimal dailyLimit, Clock clock) {
    this.ledger = ledger;
    this.dailyLimit = dailyLimit;
    this.clock = clock;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  public BigDecimal dailyLimit() {
    return dailyLimit;
  }

  public BigDecimal todaySpend() {
    return spendOn(today()).setScale(4, RoundingMode.HALF_UP);
  }

  /** The day's total, read from the ledger the first time it is asked for. */
  private synchronized BigDecimal spendOn(LocalDate day) {
    if (!day.equals(cachedDay)) {
      cachedTotal = ledger.spendOn(day);
      cachedDay = day;
    }
    return cachedTotal;
  }

  public BigDecimal remaining() {
    return dailyLimit.subtract(todaySpend()).max(BigDecimal.ZERO).setScale(4, RoundingMode.HALF_UP);
  }

  public boolean canStartResearch() {
    return remaining().compareTo(MINIMUM_TO_START) >= 0;
  }

  /**
   * Records what one operation's model calls cost; recording the same operation twice is a no-op.
   */
  public void record(String operationId, String researchId, String modelId, long in, long out) {
    Model model = Model.resolve(modelId).orElse(Model.DEFAULT);
    BigDecimal cost = model.cost(in, out);
    LocalDate day = today();
    synchronized (this) {
      // Under the lock with the total: a concurrent first read of the day cannot count it twice.
      boolean recorded =
          ledger.record(
              new SpendEntry(
                  operationId, researchId, day, model.id(), in, out, cost, clock.instant()));
      if (recorded && day.equals(cachedDay)) {
        cachedTotal = cachedTotal.add(cost);
      }
    }
    log.debug(
        "Spend {} for {} ({} in / {} out tokens, {})", cost, operationId, in, out, model.alias());
  }
}
