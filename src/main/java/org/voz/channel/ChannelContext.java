package org.voz.channel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.voz.crypto.Keyring;
import org.voz.service.VozMetrics;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.service.inbound.InboundService;
import org.voz.store.Keys;
import org.voz.store.Redis;

/**
 * What every channel module is built with: the shared stores and crypto, the two ways a survivor's state
 * changes (an inbound message, an update), and the edge's facts. Each module reads its own options besides.
 *
 * @param rates       where sends book their rate-limit slots (this instance, or Redis for all of them)
 * @param publicUrl   the service's public base URL (Twilio signs it; links point to it)
 * @param idleTimeout how long a conversation stays open without a message, unless the survivor's risk level
 *                    says otherwise (see {@code idleTimeoutOf})
 * @param idleTimeoutOf how long {@code survivorId}'s conversation stays open without a message: the risk level's
 *                    own (five minutes at high, by default), else {@code idleTimeout}; what a survivor was shown is
 *                    deleted after it on channels that can
 * @param shortestIdleTimeout the shortest of those (no survivor's conversation stays open for less)
 * @param production  whether {@code VOZ_ENV=production}
 */
public record ChannelContext(Vertx vertx, Redis redis, Keys keys, Keyring keyring, Clock clock, VozMetrics metrics,
    RateBook rates, InboundService inbound, SurvivorUpdates updates, String publicUrl, Duration idleTimeout,
    Function<String, Future<Duration>> idleTimeoutOf, Duration shortestIdleTimeout, boolean production) {}
