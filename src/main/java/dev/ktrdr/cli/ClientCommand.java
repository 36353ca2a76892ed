package dev.ktrdr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every CLI command shares: {@code --url}, {@code --json}, output through picocli's writers
 * (so tests capture it), and the rule that a failure is one line on stderr and exit code 1, never a
 * stack trace.
 */
abstract class ClientCommand implements Callable<Integer> {
  static final String URL_ENV = "KTRDR_API_URL";
  static final String DEFAULT_URL = "http://localhost:8000";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "API server (default $KTRDR_API_URL or " + DEFAULT_URL + ")")
  String url;

  @Option(names = "--json", description = "Print the raw JSON reply instead of text")
  boolean json;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "Read the API token from FILE (default: $KTRDR_API_TOKEN); a file keeps it out of"
              + " the process list and the shell history")
  java.nio.file.Path tokenFile;

  @Override
  public final Integer call() {
    String target = apiUrl();
    try {
      return run(new ApiClient(target, readTimeout(), token()));
    } catch (ApiClient.ServerUnreachable | CliFailure e) {
      err().println("Error: " + e.getMessage());
      return 1;
    } finally {
      out().flush();
      err().flush();
    }
  }

  /** The token to send: from {@code --token-file}, else {@code $KTRDR_API_TOKEN}; or null. */
  String token() {
    if (tokenFile != null) {
      try {
        String t = java.nio.file.Files.readString(tokenFile).strip();
        if (t.isEmpty()) {
          throw new CliFailure("The token file " + tokenFile + " is empty");
        }
        return t;
      } catch (java.io.IOException e) {
        throw new CliFailure("Cannot read the token file " + tokenFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv(ApiClient.TOKEN_ENV);
    return env == null || env.isBlank() ? null : env.strip();
  }

  /** How long to wait for the reply: commands whose server work takes long say so. */
  java.time.Duration readTimeout() {
    return ApiClient.DEFAULT_READ_TIMEOUT;
  }

  /** Does the work; returns the exit code (0 done, 1 refused). */
  abstract int run(ApiClient api);

  String apiUrl() {
    String chosen = url;
    if (chosen == null || chosen.isBlank()) {
      String env = System.getenv(URL_ENV);
      chosen = env == null || env.isBlank() ? DEFAULT_URL : env.strip();
    }
    if (!chosen.startsWith("http://") && !chosen.startsWith("https://")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid API URL '"
              + chosen
              + "': expected http://HOST:PORT (from "
              + (url != null ? "--url" : "$" + URL_ENV)
              + ")");
    }
    return chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void printJson(JsonNode node) {
    try {
      out().println(ApiClient.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      out().println(node.toString());
    }
  }
}
