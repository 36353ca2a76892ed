package dev.ktrdr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The worker's side of the HTTP protocol, against backends that misbehave. */
class HttpBackendTest {

  /**
   * A backend that takes the poll and never answers (one stopping as the poll arrives): the worker
   * gives up well inside the lease a restarted backend gives it to come back (15 s), instead of
   * hanging on until its generic timeout (it waited 35 s, and its job was failed as lost).
   */
  @Test
  void aPollThatIsNeverAnsweredGivesUpWithinTheLease() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket s = silent.accept();
                    held.add(s);
                    InputStream in = s.getInputStream();
                    in.read(new byte[8192]); // the request arrives; no reply is ever sent
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      HttpBackend backend = new HttpBackend("http://127.0.0.1:" + silent.getLocalPort(), null);
      assertThat(backend.pollTimeout().toSeconds()).isLessThan(15);

      CompletableFuture<Object> poll =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return backend.poll("trainer", List.of());
                } catch (IOException e) {
                  return e;
                }
              });
      Object outcome;
      try {
        outcome = poll.get(15, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new AssertionError("the poll was still waiting after the lease", e);
      }
      assertThat(outcome).isInstanceOf(HttpTimeoutException.class);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
