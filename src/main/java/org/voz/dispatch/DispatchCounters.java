package org.voz.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/** What the dispatcher has done since it started; safe to read from any thread (metrics). */
public final class DispatchCounters {

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong redisFailures = new AtomicLong();
  private final AtomicLong lastWarned = new AtomicLong();

  public long delivered() {
    return delivered.get();
  }

  public long retried() {
    return retried.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  /** Reads or settles that failed because Redis did not answer; retried at the next sweep. */
  public long redisFailures() {
    return redisFailures.get();
  }

  void delivered(long settled) {
    delivered.addAndGet(settled);
  }

  void retried(long settled) {
    retried.addAndGet(settled);
  }

  void deadLettered(long settled) {
    deadLettered.addAndGet(settled);
  }

  /** Counts a Redis failure; true at most every 10 s, so that an outage logs once, not once per partition. */
  boolean redisFailed() {
    redisFailures.incrementAndGet();
    long now = System.nanoTime();
    long last = lastWarned.get();
    return (last == 0 || now - last > 10_000_000_000L) && lastWarned.compareAndSet(last, now);
  }
}
