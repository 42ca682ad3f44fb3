package org.voz.channel;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.UnaryOperator;
import org.voz.store.LuaScript;
import org.voz.store.Redis;

/**
 * Rates held across instances: the same earliest-free-slot booking as {@link RateLimiter}, done by one Lua script
 * on Redis's clock, so N instances together keep to the configured rate (one Redis round trip per send). The
 * schedules are {@code <prefix>:{rl}:<limit>:<key hash>}: one hash tag, so that one script may touch the rates of
 * a send together on Redis Cluster; an address (a chat id) appears only as a keyed hash.
 */
public final class SharedRateBook implements RateBook {

  private static final LuaScript SCRIPT = LuaScript.resource(SharedRateBook.class, "rate-book.lua");

  private final Redis redis;
  private final String prefix;
  private final UnaryOperator<String> hash;

  /** @param hash a keyed hash of an address (a chat id or number is personal) */
  public SharedRateBook(Redis redis, String prefix, UnaryOperator<String> hash) {
    this.redis = redis;
    this.prefix = prefix;
    this.hash = hash;
  }

  @Override
  public Future<Long> reserve(List<RateLimiter.Use> uses, long maxWaitNanos) {
    String[] keys = new String[uses.size()];
    String[] args = new String[uses.size() + 1];
    args[0] = Long.toString(maxWaitNanos / 1000);
    for (int i = 0; i < uses.size(); i++) {
      RateLimiter.Use use = uses.get(i);
      keys[i] = prefix + ":{rl}:" + use.limiter().name() + ":" + (use.key().isEmpty() ? "all" : hash.apply(use.key()));
      args[i + 1] = Long.toString(Math.max(1, use.permits() * use.limiter().intervalNanos() / 1000));
    }
    return SCRIPT.<Long>run(redis, ScriptOutputType.INTEGER, keys, args).map(micros -> micros * 1000);
  }
}
