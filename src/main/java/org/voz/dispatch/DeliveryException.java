package org.voz.dispatch;

import java.time.Duration;

/**
 * A failed delivery. {@code permanent}: retrying cannot help (a 4xx from the provider), dead-letter it.
 * Otherwise it is retried with backoff, no sooner than {@code retryAfter} when the provider said so.
 */
public class DeliveryException extends RuntimeException {
  private final boolean permanent;
  private final Duration retryAfter;
  private final boolean deferred;
  private final boolean unsure;

  public DeliveryException(String message, boolean permanent, Duration retryAfter) {
    this(message, permanent, retryAfter, false);
  }

  private DeliveryException(String message, boolean permanent, Duration retryAfter, boolean deferred) {
    this(message, permanent, retryAfter, deferred, false);
  }

  private DeliveryException(String message, boolean permanent, Duration retryAfter, boolean deferred, boolean unsure) {
    super(message, null, false, false);
    this.permanent = permanent;
    this.retryAfter = retryAfter;
    this.deferred = deferred;
    this.unsure = unsure;
  }

  /**
   * Worth retrying, and the provider may have accepted the message all the same (its answer never came: a
   * connection that failed or timed out under the request): the retry asks it first
   * ({@link Delivery#deliverAgain}).
   */
  public static DeliveryException unsure(String message) {
    return new DeliveryException(message, false, null, false, true);
  }

  /** Whether the provider may have accepted the message (see {@link #unsure}). */
  public boolean outcomeUnknown() {
    return unsure;
  }

  /**
   * Not a failure: the entry must wait (e.g. for the survivor's contact hours). It goes back to the retry
   * schedule for {@code wait} without counting an attempt.
   */
  public static DeliveryException deferred(String message, Duration wait) {
    return new DeliveryException(message, false, wait, true);
  }

  public boolean isDeferred() {
    return deferred;
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
