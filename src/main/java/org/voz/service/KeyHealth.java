package org.voz.service;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Whether the configured data keys open the data (the canary, {@code store.KeyCanary}): checked at start and on
 * every readiness probe. While they do not, readiness answers 503 with the reason code, and no inbound message is
 * taken (503, the provider retries later): under a wrong key every survivor's address hash misses, and each
 * survivor would be answered as a stranger.
 */
public final class KeyHealth {

  private final Supplier<Future<String>> check;
  private volatile String problem;

  /**
   * @param problem the reason code found at start, or {@code null}
   * @param check   looks again: a future of the reason code, or of {@code null} when the keys open the canary
   */
  public KeyHealth(String problem, Supplier<Future<String>> check) {
    this.problem = problem;
    this.check = check;
  }

  /** Always healthy (tools and tests without a canary). */
  public static KeyHealth unchecked() {
    return new KeyHealth(null, () -> Future.succeededFuture(null));
  }

  /** The reason code of the last check, or {@code null} when the keys opened the canary. */
  public String problem() {
    return problem;
  }

  /** Checks again (readiness), remembering the outcome; a failed Redis read leaves the last outcome. */
  public Future<String> check() {
    return check.get().onSuccess(found -> problem = found);
  }

  /** Fails with {@link Unavailable} while the keys do not open the data. */
  public void require() {
    String found = problem;
    if (found != null) {
      throw new Unavailable(found);
    }
  }

  /** The keys do not open the data: answered 503 with the reason code, logged without a stack. */
  public static final class Unavailable extends RuntimeException {
    private final String reason;

    public Unavailable(String reason) {
      super("the configured data keys do not open the data: " + reason, null, false, false);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }
}
