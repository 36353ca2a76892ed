package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route the server registers under /api/v1 is in the OpenAPI document, and vice versa. */
class OpenApiCompletenessTest {
  @TempDir Path dir;

  @Test
  void everyRegisteredRouteIsDocumentedWithItsParametersAndReplies() {
    try (ApiHarness api = ApiHarness.start(dir.resolve("o.db"), TestEngine.instantSettings())) {
      JsonNode doc = api.get("/api/v1/openapi.json").json();
      assertThat(doc.get("openapi").asText()).startsWith("3.");

      List<String> registered = new ArrayList<>();
      for (String route : api.server().routes()) {
        String[] parts = route.split(" ", 2);
        if (parts[1].startsWith(ApiServer.PREFIX)) {
          registered.add(parts[0].toLowerCase(Locale.ROOT) + " " + parts[1]);
        }
      }
      List<String> documented = new ArrayList<>();
      doc.get("paths")
          .fields()
          .forEachRemaining(
              p ->
                  p.getValue()
                      .fieldNames()
                      .forEachRemaining(method -> documented.add(method + " " + p.getKey())));

      assertThat(registered).hasSizeGreaterThanOrEqualTo(11);
      assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);

      doc.get("paths")
          .fields()
          .forEachRemaining(
              p ->
                  p.getValue()
                      .fields()
                      .forEachRemaining(
                          m -> {
                            JsonNode op = m.getValue();
                            assertThat(op.get("responses").size())
                                .as(m.getKey() + " " + p.getKey())
                                .isPositive();
                            for (String param : pathParams(p.getKey())) {
                              assertThat(op.get("parameters").findValuesAsText("name"))
                                  .as("path parameter %s of %s", param, p.getKey())
                                  .contains(param);
                            }
                            op.get("responses")
                                .forEach(
                                    r -> {
                                      JsonNode schema =
                                          r.path("content").path("application/json").path("schema");
                                      String ref = schema.path("$ref").asText("");
                                      if (!ref.isEmpty()) {
                                        String name = ref.substring(ref.lastIndexOf('/') + 1);
                                        assertThat(
                                                doc.at("/components/schemas/" + name)
                                                    .isMissingNode())
                                            .as(ref)
                                            .isFalse();
                                      }
                                    });
                          }));
    }
  }

  private static List<String> pathParams(String path) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
