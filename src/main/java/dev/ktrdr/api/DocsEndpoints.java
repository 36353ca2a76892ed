package dev.ktrdr.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.agent.AgentService;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.wire.Routes;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/** Health, the OpenAPI document and the Swagger UI, served from the webjar (no network). */
final class DocsEndpoints {
  static final String UI_PATH = "/api/docs";
  private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";

  /** The UI files the page needs; nothing else of the classpath is reachable. */
  private static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui.css", "text/css",
          "index.css", "text/css",
          "swagger-ui-bundle.js", "text/javascript",
          "swagger-ui-standalone-preset.js", "text/javascript",
          "favicon-32x32.png", "image/png",
          "favicon-16x16.png", "image/png");

  private final ObjectMapper mapper;

  /** Built on first request: generating the schemas costs a second of start-up otherwise. */
  private volatile String openApiJson;

  private final String swaggerVersion;
  private final String version;
  private final HealthCheck health;

  DocsEndpoints(ObjectMapper mapper, AgentService agent, OperationsService ops) {
    this.version = buildVersion();
    this.health = HealthCheck.of(agent, ops, version);
    this.mapper = mapper;
    this.swaggerVersion = swaggerUiVersion();
  }

  /** The OpenAPI document, as published. */
  String openApiJson() {
    String json = openApiJson;
    if (json == null) {
      synchronized (this) {
        json = openApiJson;
        if (json == null) {
          ObjectNode doc = OpenApiDocument.build(mapper, version);
          try {
            json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          openApiJson = json;
        }
      }
    }
    return json;
  }

  void health(Context ctx) {
    WireMapping.Answer answer = health.run();
    ctx.status(answer.status()).json(answer.body());
  }

  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApiJson());
  }

  void swaggerUi(Context ctx) {
    ctx.contentType("text/html; charset=utf-8")
        .result(
            "<!DOCTYPE html>\n"
                + "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ktrdr API</title>\n"
                + "<link rel=\"stylesheet\" href=\""
                + UI_PATH
                + "/swagger-ui.css\">\n"
                + "<link rel=\"icon\" type=\"image/png\" href=\""
                + UI_PATH
                + "/favicon-32x32.png\">\n"
                + "</head><body><div id=\"swagger-ui\"></div>\n"
                + "<script src=\""
                + UI_PATH
                + "/swagger-ui-bundle.js\"></script>\n"
                + "<script src=\""
                + UI_PATH
                + "/swagger-ui-standalone-preset.js\"></script>\n"
                + "<script>window.onload = () => { window.ui = SwaggerUIBundle({url: '"
                + ApiServer.PREFIX
                + Routes.OPENAPI
                + "', dom_id: '#swagger-ui', deepLinking: true,"
                + " presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],"
                + " layout: 'StandaloneLayout'}); };</script>\n"
                + "</body></html>\n");
  }

  void swaggerAsset(Context ctx) {
    String name = ctx.pathParam("asset");
    String type = ASSETS.get(name);
    InputStream in =
        type == null
            ? null
            : DocsEndpoints.class.getResourceAsStream(WEBJAR + swaggerVersion + "/" + name);
    if (in == null) {
      throw ApiException.notFound("No such documentation file: " + Requests.abbreviate(name));
    }
    ctx.contentType(type).header("Cache-Control", "max-age=3600").result(in);
  }

  private static String swaggerUiVersion() {
    Properties p = load("/META-INF/maven/org.webjars/swagger-ui/pom.properties");
    return p.getProperty("version", "5.32.6");
  }

  private static String buildVersion() {
    return load("/ktrdr-version.properties").getProperty("version", "dev");
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = DocsEndpoints.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException ignored) {
      // defaults apply
    }
    return p;
  }
}
