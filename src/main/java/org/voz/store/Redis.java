package org.voz.store;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis connection behind everything: standalone, TLS, Sentinel or Cluster, chosen by the URL (see
 * {@link RedisUrl}). One multiplexed Lettuce connection; async commands only, never blocking.
 */
public final class Redis implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Redis.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final RedisUrl url;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterAsyncCommands<String, String> commands;
  /** Times a connection to Redis was lost since start (see {@link #disconnects()}). */
  private final AtomicLong disconnects = new AtomicLong();
  private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();

  private Redis(Vertx vertx, RedisUrl url, AbstractRedisClient client,
      StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {
    this.vertx = vertx;
    this.url = url;
    this.client = client;
    this.connection = connection;
    this.commands = commands;
    // Lettuce calls these on its I/O thread as each connection goes down and comes up (its own reconnections
    // included), before it writes again the commands that were under way: count, hand on, never block
    client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> channel) {
        disconnects.incrementAndGet();
      }

      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> channel, SocketAddress address) {
        if (disconnects.get() > 0) {
          reconnectListeners.forEach(Runnable::run);
        }
      }
    });
  }

  /**
   * Connects to {@code url} ({@code redis://}, {@code rediss://}, {@code redis-sentinel://}, or several
   * comma-separated {@code redis://} nodes for a Cluster). Fails the future if Redis does not answer.
   */
  public static Future<Redis> connect(Vertx vertx, String url) {
    RedisUrl parsed;
    try {
      parsed = RedisUrl.parse(url);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Context context = vertx.getOrCreateContext();
    AbstractRedisClient client;
    CompletionStage<Redis> connected;
    if (parsed.cluster()) {
      RedisClusterClient cluster = RedisClusterClient.create(parsed.nodes());
      cluster.setOptions(clusterOptions());
      client = cluster;
      // connectAsync needs the topology first; refreshPartitionsAsync loads it without blocking
      connected = cluster.refreshPartitionsAsync()
          .thenCompose(v -> cluster.connectAsync(StringCodec.UTF8))
          .thenApply(c -> new Redis(vertx, parsed, cluster, c, c.async()));
    } else {
      RedisClient single = RedisClient.create();
      single.setOptions(clientOptions());
      client = single;
      connected = single.connectAsync(StringCodec.UTF8, parsed.nodes().get(0))
          .thenApply(c -> new Redis(vertx, parsed, single, c, c.async()));
    }
    return Future.fromCompletionStage(connected, context)
        .compose(redis -> redis.ping().compose(ok -> ok
            ? Future.succeededFuture(redis)
            : Future.failedFuture("Redis does not answer PING")))
        .onSuccess(redis -> log.info("Redis connected: {}", parsed.describe()))
        .recover(e -> {
          client.shutdownAsync(0, 2, TimeUnit.SECONDS);
          log.warn("Redis connection failed: {}: {}", parsed.describe(), rootCause(e));
          return Future.failedFuture(new IllegalStateException(
              "cannot connect to Redis (" + parsed.describe() + "): " + e.getMessage(), e));
        });
  }

  /** The URL's kind and nodes without the password, for logs. */
  public static String describe(String url) {
    return RedisUrl.describe(url);
  }

  /** Async commands, the same interface for a single node and a cluster. Keys and values are UTF-8 strings. */
  public RedisClusterAsyncCommands<String, String> commands() {
    return commands;
  }

  /** What this connection reaches, without the password. */
  public RedisUrl url() {
    return url;
  }

  /** Bridges a Lettuce result onto the caller's Vert.x context. */
  public <T> Future<T> future(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }

  /**
   * A connection of its own for pub/sub (a subscribed connection takes no other command), to the same Redis, Sentinel
   * master or Cluster; Lettuce subscribes it again after a reconnect. The caller closes it.
   */
  public Future<io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String>> connectPubSub() {
    CompletionStage<? extends io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String>> stage =
        client instanceof RedisClusterClient cluster
            ? cluster.connectPubSubAsync(StringCodec.UTF8)
            : ((RedisClient) client).connectPubSubAsync(StringCodec.UTF8, url.nodes().get(0));
    return Future.fromCompletionStage(stage.thenApply(c -> (io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String>) c),
        vertx.getOrCreateContext());
  }

  /** Whether the connection is up now (it reconnects by itself after an outage). */
  public boolean connected() {
    return connection.isOpen();
  }

  /**
   * How many times a connection to Redis went down since start. Lettuce reconnects by itself and writes again
   * every command that had no answer yet, so a command may run twice: a caller that must know whether its
   * answer could have been lost compares this before and after.
   */
  public long disconnects() {
    return disconnects.get();
  }

  /**
   * Runs {@code listener} (on a Lettuce I/O thread: hand the work on, never block) each time a connection comes
   * back after having been lost. Returns what removes it.
   */
  public Runnable onReconnect(Runnable listener) {
    reconnectListeners.add(listener);
    return () -> reconnectListeners.remove(listener);
  }

  /**
   * Whether {@code failure} says Redis could not take the command for now and the same command will succeed soon:
   * {@code LOADING} (a restarted Redis reading its data back), {@code BUSY} (a long script), {@code TRYAGAIN},
   * {@code MASTERDOWN}, {@code READONLY} (a master demoted by a failover) or {@code CLUSTERDOWN}, a connection that
   * could not be made, or one lost under the command (a master killed: the command may have run, so only what is
   * safe to run twice may be retried). A timeout is not among them: its time is spent.
   */
  public static boolean unavailableForNow(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      // RedisLoadingException and RedisBusyException are execution exceptions with those replies: checked below
      if (e instanceof io.lettuce.core.RedisConnectionException || e instanceof java.io.IOException) {
        return true;
      }
      if (e instanceof io.lettuce.core.RedisException && !(e instanceof io.lettuce.core.RedisCommandExecutionException)
          && e.getMessage() != null && e.getMessage().startsWith("Connection closed")) {
        return true;
      }
      if (e instanceof io.lettuce.core.RedisCommandExecutionException && e.getMessage() != null) {
        String m = e.getMessage();
        if (m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("TRYAGAIN") || m.startsWith("MASTERDOWN")
            || m.startsWith("READONLY") || m.startsWith("CLUSTERDOWN")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether Redis answers PING now. */
  public Future<Boolean> ping() {
    return future(commands.ping()).map("PONG"::equals).otherwise(false);
  }

  /** Closes the connection and the client, without blocking. */
  public Future<Void> closeAsync() {
    CompletionStage<Void> closed = connection.closeAsync()
        .thenCompose(v -> client.shutdownAsync(0, 2, TimeUnit.SECONDS));
    return Future.fromCompletionStage(closed, vertx.getOrCreateContext());
  }

  @Override
  public void close() {
    closeAsync();
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static ClientOptions clientOptions() {
    return ClientOptions.builder()
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .build();
  }

  private static ClusterClientOptions clusterOptions() {
    return ClusterClientOptions.builder()
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(Duration.ofSeconds(30))
            .enableAllAdaptiveRefreshTriggers()
            .build())
        .build();
  }
}
