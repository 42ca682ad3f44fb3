package org.voz.dispatch;

import java.time.Duration;

/**
 * A failed delivery. {@code permanent}: retrying cannot help (a 4xx from the provider), dead-letter it.
 * Otherwise it is retried with backoff, no sooner than {@code retryAfter} when the provider said so.
 */
public class DeliveryException extends RuntimeException {
  private final boolean permanent;
  private final Duration retryAfter;

  public DeliveryException(String message, boolean permanent, Duration retryAfter) {
    super(message, null, false, false);
    this.permanent = permanent;
    this.retryAfter = retryAfter;
  }

  public static DeliveryException transientFailure(String message) {
    return new DeliveryException(message, false, null);
  }

  public static DeliveryException permanentFailure(String message) {
    return new DeliveryException(message, true, null);
  }

  public boolean permanent() {
    return permanent;
  }

  /** The provider's Retry-After, or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
