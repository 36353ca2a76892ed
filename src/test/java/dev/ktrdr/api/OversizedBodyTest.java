package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that writes its whole (oversized) body before it reads, as Python's urllib and requests
 * do, must get the 413 answer, not a broken pipe: the server reads and discards the rest of the
 * body (up to a bound) before it answers. The body is far larger than the socket buffers, so a
 * server that answered and closed early would make these writes fail.
 */
class OversizedBodyTest {
  private static final int BODY = 12 * 1024 * 1024;
  private static final byte[] CHUNK = filled(64 * 1024);

  @TempDir static Path dir;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(dir.resolve("big.db"), TestEngine.fastSettings(Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aClientStillSendingWithContentLengthReadsThe413() throws IOException {
    String answer =
        exchange(
            "POST /api/v1/agent/trigger HTTP/1.1\r\n"
                + host()
                + "Content-Type: application/json\r\nContent-Length: "
                + BODY
                + "\r\n\r\n",
            false);
    assertThat(answer).startsWith("HTTP/1.1 413");
    assertThat(answer).contains("\"success\":false").contains("Request body too large");
  }

  @Test
  void aClientStillSendingChunksReadsThe413() throws IOException {
    String answer =
        exchange(
            "POST /api/v1/agent/trigger HTTP/1.1\r\n"
                + host()
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            true);
    assertThat(answer).startsWith("HTTP/1.1 413");
    assertThat(answer).contains("Request body too large");
  }

  @Test
  void theConnectionStaysUsableAfterADiscardedBody() throws IOException {
    try (Socket s = new Socket("127.0.0.1", api.server().port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      int body = 256 * 1024;
      out.write(
          ("POST /api/v1/agent/trigger HTTP/1.1\r\n"
                  + host()
                  + "Content-Type: application/json\r\nContent-Length: "
                  + body
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      for (int sent = 0; sent < body; sent += CHUNK.length) {
        out.write(CHUNK);
      }
      out.write(
          ("GET /api/v1/health HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String both = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(both).startsWith("HTTP/1.1 413");
      assertThat(both).contains("HTTP/1.1 200").contains("\"status\":\"ok\"");
    }
  }

  @Test
  void aRefusalBeforeTheBodyIsReadReachesAClientStillSendingToo() throws IOException {
    // No JSON content type: the request guard refuses before any route reads the body.
    String answer =
        exchange(
            "POST /api/v1/agent/trigger HTTP/1.1\r\n"
                + host()
                + "Content-Type: text/plain\r\nContent-Length: "
                + BODY
                + "\r\n\r\n",
            false);
    assertThat(answer).startsWith("HTTP/1.1 415");
    assertThat(answer).contains("\"success\":false");
  }

  private static String host() {
    return "Host: 127.0.0.1:" + api.server().port() + "\r\n";
  }

  /** Writes the head, then the whole body, and only then reads the answer. */
  private static String exchange(String head, boolean chunked) throws IOException {
    try (Socket s = new Socket("127.0.0.1", api.server().port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      for (int sent = 0; sent < BODY; sent += CHUNK.length) {
        if (chunked) {
          out.write(
              (Integer.toHexString(CHUNK.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(CHUNK); // a server that closed early makes this throw "Broken pipe"
        if (chunked) {
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
      }
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      StringBuilder answer = new StringBuilder();
      int n;
      // read the head and the JSON body; the server may keep the connection open
      while ((n = in.read(buf)) != -1) {
        answer.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        if (answer.indexOf("}") > 0) {
          break;
        }
      }
      return answer.toString();
    }
  }

  private static byte[] filled(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'x');
    return b;
  }
}
