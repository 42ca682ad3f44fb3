package org.voz.store;

import io.vertx.core.Future;
import java.util.Optional;
import org.voz.crypto.Keyring;
import org.voz.feedback.Campaign;

/**
 * Campaigns: {@code voz:fb:{<id>}:campaign}, the sealed campaign JSON, in the campaign's own slot;
 * {@code voz:fb:campaigns}, a sorted set of ids by start time (epoch ms), for the fan-out; and
 * {@code voz:fb:{<id>}:fanout}, {@code running} (with a lease) or {@code done}.
 */
public final class CampaignStore {

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public CampaignStore(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /** Stores a new campaign; false if the id is taken. */
  public Future<Boolean> create(Campaign campaign) {
    return redis.future(redis.commands().setnx(key(campaign.id()), keyring.seal(Aad.campaign(campaign.id()), Json.write(campaign))))
        .compose(created -> !created ? Future.succeededFuture(false)
            : redis.future(redis.commands().zadd(keys.global("fb", "campaigns"), campaign.startAt().toEpochMilli(),
                campaign.id())).map(true));
  }

  /** Ids of the campaigns whose start time has come (closed ones included: callers check). */
  public Future<java.util.List<String>> started(java.time.Instant now) {
    return redis.future(redis.commands().zrangebyscore(keys.global("fb", "campaigns"),
        io.lettuce.core.Range.create(0, (double) now.toEpochMilli())));
  }

  /** Claims the fan-out of a campaign for {@code lease}: false when it is done, or running elsewhere. */
  public Future<Boolean> claimFanout(String id, java.time.Duration lease) {
    String key = keys.global("fb", "{" + id + "}", "fanout");
    return redis.future(redis.commands().set(key, "running",
            io.lettuce.core.SetArgs.Builder.nx().px(lease.toMillis())))
        .map(ok -> "OK".equals(ok));
  }

  /** Ends this pass's claim without marking the fan-out done (people were left for their quiet hours). */
  public Future<Void> releaseFanout(String id) {
    return redis.future(redis.commands().del(keys.global("fb", "{" + id + "}", "fanout"))).mapEmpty();
  }

  public Future<Void> fanoutDone(String id) {
    return redis.future(redis.commands().set(keys.global("fb", "{" + id + "}", "fanout"), "done")).mapEmpty();
  }

  public Future<Optional<Campaign>> find(String id) {
    return redis.future(redis.commands().get(key(id)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(Aad.campaign(id), s), Campaign.class)));
  }

  private String key(String id) {
    return keys.global("fb", "{" + id + "}", "campaign");
  }
}
