package org.voz.channel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A rate per key, kept as a schedule of booked slots: a send of {@code n} permits starting at {@code t} holds
 * {@code [t, t + n / rate)}, and slots of one key never overlap. A send that falls under several limiters
 * (a chat's rate and the overall rate) takes the earliest start free in all of them, so a busy chat's
 * future slots hold up no other chat. No thread ever waits here: the caller learns how long to wait and
 * waits on a timer ({@link RateLimitedSender}). Past slots are forgotten, and with them idle keys.
 */
public final class RateLimiter {

  /** A limiter and the key a send falls under in it. */
  public record Use(RateLimiter limiter, String key, int permits) {}

  private final String name;
  private final long intervalNanos;
  private final Map<String, NavigableMap<Long, Long>> slots = new HashMap<>();

  public RateLimiter(double perSecond) {
    this("rate", perSecond);
  }

  /** @param name names the rate where it is shared ({@link SharedRateBook}), e.g. {@code telegram-chat} */
  public RateLimiter(String name, double perSecond) {
    this.name = name;
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("a rate must be positive: " + perSecond);
    }
    this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / perSecond));
  }

  public String name() {
    return name;
  }

  /** The time one permit takes. */
  public long intervalNanos() {
    return intervalNanos;
  }

  /**
   * Books the earliest start from {@code now} ({@link System#nanoTime()} scale) free in every limiter of
   * {@code uses} and returns the wait until then; or, when that wait would exceed {@code maxWaitNanos}, books
   * nothing and returns minus the wait.
   */
  public static long reserve(List<Use> uses, long now, long maxWaitNanos) {
    synchronized (RateLimiter.class) {
      uses.forEach(use -> use.limiter().forgetBefore(now));
      long start = now;
      boolean moved = true;
      while (moved) {
        moved = false;
        for (Use use : uses) {
          long free = use.limiter().earliestFree(use.key(), start, use.permits());
          if (free != start) {
            start = free;
            moved = true;
          }
        }
      }
      long wait = start - now;
      if (wait > maxWaitNanos) {
        return -wait;
      }
      for (Use use : uses) {
        use.limiter().book(use.key(), start, use.permits());
      }
      return wait;
    }
  }

  private long earliestFree(String key, long from, int permits) {
    NavigableMap<Long, Long> booked = slots.get(key);
    if (booked == null) {
      return from;
    }
    long length = permits * intervalNanos;
    long t = from;
    Map.Entry<Long, Long> before = booked.floorEntry(t);
    if (before != null && before.getValue() > t) {
      t = before.getValue();
    }
    for (Map.Entry<Long, Long> next = booked.ceilingEntry(t); next != null && next.getKey() < t + length;
        next = booked.ceilingEntry(t)) {
      t = next.getValue();
    }
    return t;
  }

  private void book(String key, long start, int permits) {
    slots.computeIfAbsent(key, k -> new TreeMap<>()).put(start, start + permits * intervalNanos);
  }

  private void forgetBefore(long now) {
    slots.values().forEach(booked -> booked.headMap(now).entrySet().removeIf(slot -> slot.getValue() <= now));
    slots.values().removeIf(Map::isEmpty);
  }
}
