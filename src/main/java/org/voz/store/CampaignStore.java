package org.voz.store;

import io.vertx.core.Future;
import java.util.Optional;
import org.voz.crypto.Keyring;
import org.voz.feedback.Campaign;
import org.voz.store.Json;

/** Campaigns: {@code voz:fb:{<id>}:campaign}, the sealed campaign JSON, in the campaign's own slot. */
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
    return redis.future(redis.commands().setnx(key(campaign.id()), keyring.seal(Json.write(campaign))));
  }

  public Future<Optional<Campaign>> find(String id) {
    return redis.future(redis.commands().get(key(id)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(s), Campaign.class)));
  }

  private String key(String id) {
    return keys.global("fb", "{" + id + "}", "campaign");
  }
}
