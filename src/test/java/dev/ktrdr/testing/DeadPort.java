package dev.ktrdr.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that nothing listens on for as long as this is open: the port is bound, so no
 * other process can take it meanwhile, but never listening, so a connection to it is refused. (A
 * "free port" found by opening and closing a server socket can be taken by another process before
 * the test uses it.)
 */
public final class DeadPort implements AutoCloseable {
  private final Socket socket = new Socket();

  public DeadPort() throws IOException {
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
