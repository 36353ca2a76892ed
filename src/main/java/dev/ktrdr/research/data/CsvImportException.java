package dev.ktrdr.research.data;

/**
 * A CSV file that cannot be imported. The message names the file, the line (when the problem is on
 * one line) and what is wrong; nothing of the file was imported.
 */
public final class CsvImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int line;

  CsvImportException(String source, int line, String problem) {
    super(line > 0 ? source + " line " + line + ": " + problem : source + ": " + problem);
    this.line = line;
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
