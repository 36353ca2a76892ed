package dev.ktrdr.cli;

import dev.ktrdr.wire.DatasetInfo;
import dev.ktrdr.wire.DatasetList;
import dev.ktrdr.wire.ImportReply;
import dev.ktrdr.wire.ImportRequest;
import dev.ktrdr.wire.Routes;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr data list|import}. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "List and import price datasets (client of the HTTP API).",
    subcommands = {DataCommand.ListData.class, DataCommand.Import.class})
public final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: use list or import");
  }

  /** A bar's opening time, UTC: the date for daily and weekly bars, else date and minute. */
  static String barTime(String iso, String timeframe) {
    if (iso == null) {
      return "-";
    }
    try {
      java.time.LocalDateTime t =
          java.time.LocalDateTime.ofInstant(java.time.Instant.parse(iso), java.time.ZoneOffset.UTC);
      boolean days = timeframe != null && (timeframe.endsWith("d") || timeframe.endsWith("w"));
      return days && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? t.toLocalDate().toString()
          : t.toLocalDate() + " " + t.toLocalTime().withSecond(0).withNano(0);
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the datasets: bundled sample data first, then imported ones.")
  static final class ListData extends ClientCommand {
    @Override
    int run(ApiClient api) {
      ApiClient.Reply reply = api.get(Map.of(), Routes.DATA);
      if (json) {
        printJson(reply.requireJson());
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok()) {
        throw new CliFailure(reply.errorMessage());
      }
      List<DatasetInfo> data = reply.as(DatasetList.class).data();
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "ID", "SYMBOL", "TIMEFRAME", "FIRST BAR (UTC)", "LAST BAR (UTC)", "BARS", "SOURCE"
          });
      for (DatasetInfo d : data) {
        rows.add(
            new String[] {
              d.id(),
              d.symbol(),
              d.timeframe(),
              barTime(d.firstBar(), d.timeframe()),
              barTime(d.lastBar(), d.timeframe()),
              Integer.toString(d.barCount()),
              d.source()
            });
      }
      Formats.table(rows).forEach(out()::println);
      out().printf("%n%d dataset%s%n", data.size(), data.size() == 1 ? "" : "s");
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import a CSV file of price bars as a new dataset.",
        "The file needs a header naming date (or time), open, high, low, close and optionally"
            + " volume, in any case and order; dates as ISO dates or date-times (UTC unless they"
            + " say otherwise) or epoch seconds or milliseconds. A bad row refuses the whole file"
            + " with its line number."
      })
  static final class Import extends ClientCommand {
    @Parameters(paramLabel = "FILE", description = "The CSV file")
    Path file;

    @Option(
        names = "--symbol",
        required = true,
        paramLabel = "S",
        description = "Symbol of the bars, e.g. MSFT or BTC/USD")
    String symbol;

    @Option(
        names = "--timeframe",
        required = true,
        paramLabel = "T",
        description = "Bar length, e.g. 1d, 1h, 5m")
    String timeframe;

    @Option(
        names = "--name",
        paramLabel = "N",
        description = "The new dataset's id (default: symbol-timeframe, e.g. msft-1d)")
    String name;

    @Override
    Duration readTimeout() {
      return Duration.ofMinutes(5);
    }

    @Override
    int run(ApiClient api) {
      String csv = read(file);
      ApiClient.Reply reply =
          api.post(
              new ImportRequest(
                  csv,
                  symbol,
                  timeframe,
                  name,
                  file.getFileName() == null ? null : file.getFileName().toString()),
              Routes.DATA_IMPORT);
      if (json) {
        printJson(reply.requireJson());
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok()) {
        err().println("Cannot import: " + reply.errorMessage());
        return 1;
      }
      ImportReply done = reply.as(ImportReply.class);
      DatasetInfo d = done.dataset();
      out()
          .printf(
              "Imported %s: %s %s, %d bars from %s to %s%n",
              d.id(), d.symbol(), d.timeframe(), d.barCount(), d.firstBar(), d.lastBar());
      done.messages().stream().skip(1).forEach(m -> out().println("  " + m));
      return 0;
    }

    private static String read(Path file) {
      try {
        long size = Files.size(file);
        if (size > ImportRequest.MAX_BYTES) {
          throw new CliFailure(
              "Cannot import: "
                  + file
                  + " is "
                  + size / (1024 * 1024)
                  + " MB; the server takes files up to "
                  + ImportRequest.MAX_BYTES / (1024 * 1024)
                  + " MB (split it, or drop columns it does not need)");
        }
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8
            .newDecoder()
            .decode(java.nio.ByteBuffer.wrap(bytes))
            .toString();
      } catch (NoSuchFileException e) {
        throw new CliFailure("Cannot import: no such file: " + file);
      } catch (CharacterCodingException e) {
        throw new CliFailure("Cannot import: " + file + " is not UTF-8 text");
      } catch (IOException e) {
        throw new CliFailure("Cannot import: cannot read " + file + ": " + e.getMessage());
      }
    }
  }
}
