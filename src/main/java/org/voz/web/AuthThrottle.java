package org.voz.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.VozMetrics;

/**
 * A budget of failed bearer tokens per client address: past {@code budget} failures (401s) within {@code window},
 * the address is answered 429 with {@code Retry-After}, before any token is looked up (the right one too: no guess is
 * tried while blocked), for {@code window}, twice that after a second burst, and so on up to {@code maxBlock}. Each
 * failure and each refusal is counted ({@code voz_auth_failures_total}, {@code voz_auth_throttled_total}), and each
 * burst is one WARN line naming the address by a keyed hash, never by itself.
 *
 * <p>Kept in memory, per instance (several instances: the budget is per instance). Behind a reverse proxy, set the
 * header it puts the client's address in ({@code console.clientAddressHeader}, as for the console's sign-in): without
 * it every client has the proxy's address, and one client's burst blocks all for the block's time.
 */
public final class AuthThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);
  /** Addresses remembered at most; past it, those whose window and block are over are forgotten first. */
  private static final int MAX_ADDRESSES = 10_000;

  /** One address's failures in its current window, its bursts so far, and its block. */
  private record Entry(long windowStart, int failures, int bursts, long blockedUntil) {}

  private final int budget;
  private final Duration window;
  private final Duration maxBlock;
  private final Clock clock;
  private final VozMetrics metrics;
  private final UnaryOperator<String> hash;
  private final String addressHeader;
  private final Map<String, Entry> addresses = new ConcurrentHashMap<>();

  /**
   * @param hash          a keyed hash of an address (what is kept and logged instead of the address)
   * @param addressHeader behind a reverse proxy, the header it puts the client's address in ({@link ClientAddress});
   *                      empty: the TCP peer
   */
  public AuthThrottle(int budget, Duration window, Duration maxBlock, Clock clock, VozMetrics metrics,
      UnaryOperator<String> hash, String addressHeader) {
    this.addressHeader = addressHeader;
    this.budget = budget;
    this.window = window;
    this.maxBlock = maxBlock;
    this.clock = clock;
    this.metrics = metrics;
    this.hash = hash;
  }

  /** Route handler, before the token is checked: 429 while the address is blocked; else on, counting a 401. */
  public void handle(RoutingContext ctx) {
    String address = address(ctx);
    long now = clock.millis();
    Entry entry = addresses.get(address);
    if (entry != null && now < entry.blockedUntil()) {
      metrics.authThrottled();
      long seconds = Math.max(1, (entry.blockedUntil() - now + 999) / 1000);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      ApiError.send(ctx, 429, "too_many_requests", "too many failed attempts from this address; try again later", null);
      return;
    }
    ctx.addHeadersEndHandler(v -> {
      if (ctx.response().getStatusCode() == 401) {
        failed(address);
      }
    });
    ctx.next();
  }

  private void failed(String address) {
    metrics.authFailure();
    long now = clock.millis();
    boolean[] burst = new boolean[1];
    Entry entry = addresses.compute(address, (a, was) -> {
      Entry e = was;
      if (e == null || now - e.windowStart() >= window.toMillis()) {
        // a new window; the bursts are remembered while the last block is recent (within a window of its end)
        int bursts = e != null && now < e.blockedUntil() + window.toMillis() ? e.bursts() : 0;
        e = new Entry(now, 0, bursts, e == null ? 0 : e.blockedUntil());
      }
      int failures = e.failures() + 1;
      if (failures < budget) {
        return new Entry(e.windowStart(), failures, e.bursts(), e.blockedUntil());
      }
      int bursts = e.bursts() + 1;
      long block = Math.min(maxBlock.toMillis(), window.toMillis() << Math.min(bursts - 1, 20));
      burst[0] = true;
      return new Entry(now, 0, bursts, now + block);
    });
    if (burst[0]) {
      LOG.warn("staff API: {} wrong bearer tokens address={} burst={}; refused for {} s", budget, address,
          entry.bursts(), (entry.blockedUntil() - now) / 1000);
    }
    if (addresses.size() > MAX_ADDRESSES) {
      addresses.entrySet().removeIf(e -> now >= e.getValue().blockedUntil() + window.toMillis()
          && now - e.getValue().windowStart() >= window.toMillis());
    }
  }

  private String address(RoutingContext ctx) {
    return hash.apply(ClientAddress.of(ctx, addressHeader));
  }
}
