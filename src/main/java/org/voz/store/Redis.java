package org.voz.store;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The Redis connection behind everything: standalone, TLS, Sentinel or Cluster, chosen by the URL.
 * STUB: the store work replaces the body; the public signatures here are what the shell calls.
 */
public final class Redis implements AutoCloseable {

  /**
   * Connects to {@code url} ({@code redis://}, {@code rediss://}, {@code redis-sentinel://}, or several
   * comma-separated {@code redis://} nodes for a Cluster). Fails the future if Redis does not answer.
   */
  public static Future<Redis> connect(Vertx vertx, String url) {
    throw new UnsupportedOperationException("stub");
  }

  /** Async commands, the same interface for a single node and a cluster. Keys and values are UTF-8 strings. */
  public RedisClusterAsyncCommands<String, String> commands() {
    throw new UnsupportedOperationException("stub");
  }

  /** Whether Redis answers PING now. */
  public Future<Boolean> ping() {
    throw new UnsupportedOperationException("stub");
  }

  @Override
  public void close() {}
}
