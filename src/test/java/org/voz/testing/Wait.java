package org.voz.testing;

import org.awaitility.Awaitility;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting in tests, always for a condition and never for a fixed time: a future's completion, or a condition
 * polled with Awaitility. The integration tests share these (they were borrowed from {@code TwilioFlowTest}).
 */
public final class Wait {

  /** How often conditions are polled: often, since the service under test answers in milliseconds. */
  public static final Duration POLL = Duration.ofMillis(20);

  private Wait() {}

  /** The result of {@code future}, waited for from a test thread (never from an event loop): 20 seconds at most. */
  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} until it holds; fails the test when it does not within {@code timeout}. */
  public static void waitFor(Supplier<Boolean> condition, Duration timeout) {
    polling().atMost(timeout).until(condition::get);
  }

  /**
   * An Awaitility condition factory polling every {@link #POLL}, for the cases {@link #waitFor} does not cover:
   * {@code polling().during(...)} for something that must keep holding (a message that must not be sent).
   */
  public static ConditionFactory polling() {
    return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(POLL);
  }

  /**
   * Asserts that {@code condition} holds now and keeps holding for {@code during}: how a test says that something
   * does not happen (a second copy, a reply to a refused webhook). The service works in milliseconds (outbox sweeps
   * every 100 ms in tests), so {@code during} spans several sweeps; a wrong message sent in that time fails the test.
   */
  public static void holdsFor(Duration during, Supplier<Boolean> condition) {
    polling()
        .failFast("a condition that had to hold for " + during + " stopped holding", () -> !condition.get())
        .during(during).atMost(during.plus(Duration.ofSeconds(5))).until(condition::get);
  }
}
