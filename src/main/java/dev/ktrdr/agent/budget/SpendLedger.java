package dev.ktrdr.agent.budget;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Where model spend is recorded: one entry per paid-for operation. */
public interface SpendLedger {
  /**
   * Records an entry; a second entry for the same operation is ignored. True when this call
   * recorded it.
   */
  boolean record(SpendEntry entry);

  /** Total spend on one UTC day. */
  BigDecimal spendOn(LocalDate day);
}
