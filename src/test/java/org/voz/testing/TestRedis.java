package org.voz.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.voz.store.EmbeddedRedis;
import org.voz.store.Keys;
import org.voz.store.Redis;

/**
 * One Redis for the whole test JVM: {@code REDIS_URL} when set, else an embedded server in a temporary
 * directory, started on first use and stopped (and its directory removed) by a shutdown hook. Tests isolate
 * themselves with {@link #keys()}: a random key prefix per call.
 */
public final class TestRedis {

  /** Partitions of {@link #keys()}: few, so that sweeping them in tests is cheap. */
  public static final int PARTITIONS = 8;

  private static String url;

  private TestRedis() {}

  /** The Redis URL every test uses. */
  public static synchronized String url() {
    if (url == null) {
      String fromEnv = System.getenv("REDIS_URL");
      url = fromEnv != null && !fromEnv.isBlank() ? fromEnv : startEmbedded();
    }
    return url;
  }

  /** A key layout with a fresh random prefix ({@code t<random>}) and {@link #PARTITIONS} partitions. */
  public static Keys keys() {
    return keys(PARTITIONS);
  }

  public static Keys keys(int partitions) {
    return new Keys("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), partitions);
  }

  /** Connects to the test Redis. */
  public static Future<Redis> connect(Vertx vertx) {
    return Redis.connect(vertx, url());
  }

  /** Waits for a future from a test thread (never from an event loop). */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** Polls {@code condition} until it holds or {@code within} passes (then fails the test, with Awaitility's ConditionTimeoutException). */
  public static void eventually(Duration within, BooleanSupplier condition) {
    Wait.polling().atMost(within).until(condition::getAsBoolean);
  }

  private static String startEmbedded() {
    try {
      Path dir = Files.createTempDirectory("voz-test-redis");
      EmbeddedRedis redis = EmbeddedRedis.start(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        redis.stop();
        delete(dir);
      }, "test-redis-stop"));
      return redis.url();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
