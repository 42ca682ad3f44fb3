package org.voz.store;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voz.crypto.Keyring;

/**
 * A campaign's progress counters and the people to tell what changed, in the campaign's slot.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code voz:fb:{c}:progress}</td><td>hash</td><td>{@code invited}, {@code delivered}, {@code started},
 *       {@code completed}: counts, nothing else</td></tr>
 *   <tr><td>{@code voz:fb:{c}:loop}</td><td>hash</td><td>keyed hash of the survivor → their sealed id: those who
 *       answered with their name, so that "what we changed" reaches them (before this rule, anonymous answerers were
 *       listed too: the sender checks each survivor's answer mode as well). It holds no answer and no time</td></tr>
 * </table>
 */
public final class CampaignProgress {

  public static final List<String> COUNTERS = List.of("invited", "delivered", "started", "completed");

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public CampaignProgress(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  public Future<Void> count(String campaignId, String counter) {
    return add(campaignId, counter, 1);
  }

  /** Adds {@code n} to a counter at once (a campaign fan-out counts its invitations a batch at a time). */
  public Future<Void> add(String campaignId, String counter, long n) {
    if (!COUNTERS.contains(counter)) {
      return Future.failedFuture(new IllegalArgumentException("unknown counter " + counter));
    }
    return redis.future(redis.commands().hincrby(key(campaignId, "progress"), counter, n)).mapEmpty();
  }

  /** The four counters, 0 when none yet. */
  public Future<Map<String, Long>> counters(String campaignId) {
    return redis.future(redis.commands().hgetall(key(campaignId, "progress"))).map(stored -> {
      Map<String, Long> out = new LinkedHashMap<>();
      COUNTERS.forEach(c -> out.put(c, Long.parseLong(stored.getOrDefault(c, "0"))));
      return out;
    });
  }

  /** Remembers that {@code survivorId} answered with their name (once; no answer, no time). */
  public Future<Void> answered(String campaignId, String survivorId) {
    String marker = marker(campaignId, survivorId);
    return redis.future(redis.commands().hsetnx(key(campaignId, "loop"), marker,
        keyring.seal(Aad.campaignLoop(campaignId, marker), survivorId))).mapEmpty();
  }

  /** Those who answered the campaign with their name (and, listed before that rule, anonymous answerers too). */
  public Future<List<String>> answerers(String campaignId) {
    return redis.future(redis.commands().hgetall(key(campaignId, "loop")))
        .map(sealed -> new ArrayList<>(sealed.entrySet().stream()
            .map(e -> keyring.open(Aad.campaignLoop(campaignId, e.getKey()), e.getValue())).sorted().toList()));
  }

  /** The field under which {@code survivorId}'s answering a campaign is kept (a marker hash: no survivor id). */
  public String marker(String campaignId, String survivorId) {
    return keyring.markerHash("loop", campaignId + "\n" + survivorId);
  }

  private String key(String campaignId, String what) {
    return keys.global("fb", "{" + campaignId + "}", what);
  }
}
