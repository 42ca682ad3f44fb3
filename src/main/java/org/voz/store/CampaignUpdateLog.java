package org.voz.store;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * The "what we changed" updates of a campaign, in the campaign's slot: each update is known by its id (a hash of its
 * texts, {@code org.voz.feedback.LoopUpdate#id}), so that the same update is sent once however often it is posted.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code voz:fb:{c}:updates}</td><td>set</td><td>the ids of the updates published (for the limit per
 *       campaign)</td></tr>
 *   <tr><td>{@code voz:fb:{c}:update:<id>}</td><td>string</td><td>{@code sending} (with a lease, while it goes out)
 *       or {@code sent} (kept)</td></tr>
 * </table>
 */
public final class CampaignUpdateLog {

  /** What a claim found. */
  public enum Claim { CLAIMED, DUPLICATE, LIMIT }

  private final Redis redis;
  private final Keys keys;

  public CampaignUpdateLog(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * Claims update {@code id} of {@code campaignId} for sending: {@link Claim#DUPLICATE} when it was sent, or is being
   * sent (for {@code lease}: a sender that died leaves it to the next post, whose survivors' commits are deduplicated);
   * {@link Claim#LIMIT} when it is new and the campaign already has {@code limit} updates ({@code limit} &lt; 0: no
   * limit). Two new updates posted at the same moment at the limit may both be refused.
   */
  public Future<Claim> claim(String campaignId, String id, int limit, Duration lease) {
    var c = redis.commands();
    String set = keys.global("fb", "{" + campaignId + "}", "updates");
    return redis.future(c.set(key(campaignId, id), "sending", SetArgs.Builder.nx().px(lease.toMillis())))
        .compose(ok -> {
          if (!"OK".equals(ok)) {
            return Future.succeededFuture(Claim.DUPLICATE);
          }
          return redis.future(c.sadd(set, id)).compose(added -> added == 0 || limit < 0
              ? Future.succeededFuture(Claim.CLAIMED)
              : redis.future(c.scard(set)).compose(count -> count <= limit
                  ? Future.succeededFuture(Claim.CLAIMED)
                  : redis.future(c.srem(set, id)).compose(v -> redis.future(c.del(key(campaignId, id))))
                      .map(Claim.LIMIT)));
        });
  }

  /** Marks update {@code id} sent, for good. */
  public Future<Void> sent(String campaignId, String id) {
    return redis.future(redis.commands().set(key(campaignId, id), "sent")).mapEmpty();
  }

  /** Gives a claim back (the update could not be read back, say): it may be posted again. */
  public Future<Void> release(String campaignId, String id) {
    return redis.future(redis.commands().del(key(campaignId, id))).mapEmpty();
  }

  private String key(String campaignId, String id) {
    return keys.global("fb", "{" + campaignId + "}", "update", id);
  }
}
