package dev.ktrdr.research.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OHLCV bars from the CSV shapes people have: a {@code date,open,high,low,close,volume}
 * header in any case and order (quoted or not), an unnamed or named index column, ISO dates or
 * date-times (a date-time without an offset is UTC), epoch seconds or milliseconds, Yahoo's {@code
 * Adj Close} (ignored: prices are the {@code Close} column) and any extra columns (ignored).
 *
 * <p>All or nothing: a file with a problem on any row (a field that is not a number or a time, a
 * row with the wrong number of fields, no header, no rows) raises {@link CsvImportException} naming
 * the line, and nothing is imported. What can be repaired without guessing is repaired and reported
 * in the {@link ImportReport}: rows out of order are sorted, repeated times keep their first row,
 * rows with a price of zero or less and rows with no prices at all are left out.
 *
 * <p>A gap is a step between two bars longer than one bar; for daily and longer bars a step of up
 * to one bar plus three days is no gap (weekends and holidays).
 */
public final class CsvImporter {
  private static final ObjectReader ROW_READER =
      new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerFor(String[].class);

  private CsvImporter() {}

  /**
   * Imports {@code file} as dataset {@code id}.
   *
   * @throws CsvImportException naming the line and the problem; nothing is imported
   */
  public static ImportResult importFile(Path file, String id, String symbol, Timeframe timeframe) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return importCsv(r, name, id, symbol, timeframe);
    } catch (NoSuchFileException e) {
      throw new CsvImportException(file.toString(), 0, "no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new CsvImportException(name, 0, "not a UTF-8 text file");
    } catch (IOException e) {
      throw new CsvImportException(file.toString(), 0, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Imports CSV text from {@code in}; {@code sourceName} names it in messages and in the dataset's
   * source.
   *
   * @throws CsvImportException naming the line and the problem; nothing is imported
   */
  public static ImportResult importCsv(
      Reader in, String sourceName, String id, String symbol, Timeframe timeframe) {
    if (symbol == null || symbol.isBlank()) {
      throw new CsvImportException(sourceName, 0, "a symbol is required");
    }
    List<CsvRow> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    CsvColumns columns = null;
    int lineNo = 0;
    int missingCount = 0;
    List<Integer> missingLines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(in)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        String[] fields = split(line, sourceName, lineNo);
        if (columns == null) {
          columns = CsvColumns.of(fields, sourceName, lineNo, notes);
          continue;
        }
        CsvRow row = columns.parse(fields, sourceName, lineNo);
        if (row == null) {
          missingCount++;
          ImportCleaning.sample(missingLines, lineNo);
        } else {
          rows.add(row);
        }
      }
    } catch (UncheckedIOException | IOException e) {
      if (e.getCause() instanceof java.nio.charset.MalformedInputException
          || e instanceof java.nio.charset.MalformedInputException) {
        throw new CsvImportException(sourceName, lineNo + 1, "not UTF-8 text");
      }
      throw new CsvImportException(sourceName, lineNo, "cannot read: " + e.getMessage());
    }
    if (columns == null) {
      throw new CsvImportException(sourceName, 0, "the file is empty");
    }
    int rowsRead = rows.size() + missingCount;
    if (rowsRead == 0) {
      throw new CsvImportException(sourceName, 0, "no data rows after the header");
    }
    return ImportCleaning.build(
        rows, rowsRead, missingCount, missingLines, notes, sourceName, id, symbol, timeframe);
  }

  private static String[] split(String line, String source, int lineNo) {
    try {
      String[] fields;
      try (MappingIterator<String[]> it = ROW_READER.readValues(line)) {
        fields = it.hasNext() ? it.next() : new String[0];
      }
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fields[i].trim();
      }
      return fields;
    } catch (IOException | RuntimeException e) {
      throw new CsvImportException(source, lineNo, "not a valid CSV row (check the quotes)");
    }
  }
}
