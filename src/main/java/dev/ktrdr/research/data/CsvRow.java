package dev.ktrdr.research.data;

import java.time.Instant;

/** One data row of a CSV file, with the line it came from (for the report). */
record CsvRow(
    int line, Instant time, double open, double high, double low, double close, double volume) {}
