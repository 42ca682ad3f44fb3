package org.voz.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A redis-server child process on a free loopback port with the append-only file on, for development (data
 * under {@code ./data}) and tests. {@link #start} blocks until the server is ready: call it outside the
 * event loop (e.g. {@code vertx.executeBlocking}) or before Vert.x starts.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final int ATTEMPTS = 3;

  private final RedisServer server;
  private final int port;
  private final Path dataDir;

  private EmbeddedRedis(RedisServer server, int port, Path dataDir) {
    this.server = server;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Starts a server on a free loopback port whose append-only file lives in {@code dataDir} (created if missing). */
  public static EmbeddedRedis start(Path dataDir) {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return launch(dataDir, freePort());
      } catch (IOException e) {
        last = e; // most likely another process took the port between probe and start
      }
    }
    throw new UncheckedIOException("cannot start embedded Redis in " + dataDir, last);
  }

  /** Starts a server on {@code port} (e.g. again where a stopped one ran), data in {@code dataDir}. */
  public static EmbeddedRedis start(Path dataDir, int port) {
    try {
      return launch(dataDir, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded Redis on port " + port + " in " + dataDir, e);
    }
  }

  private static EmbeddedRedis launch(Path dataDir, int port) throws IOException {
    Path dir = dataDir.toAbsolutePath().normalize();
    Files.createDirectories(dir);
    RedisServer server = RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(port)
        .setting("appendonly yes")
        .setting("appendfsync everysec")
        .setting("save \"\"")
        .setting("hash-max-ziplist-value 4096") // as config/redis.conf: session hashes stay compact
        .setting("dir \"" + dir + "\"")
        .onShutdownForceStop(false)
        .build();
    server.start();
    log.info("embedded Redis on 127.0.0.1:{}, append-only file in {}", port, dir);
    return new EmbeddedRedis(server, port, dir);
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server (SIGTERM: Redis flushes the append-only file first) and waits for it to exit. */
  public void stop() {
    try {
      if (server.isActive()) {
        server.stop();
      }
    } catch (IOException e) {
      log.warn("embedded Redis did not stop cleanly", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
