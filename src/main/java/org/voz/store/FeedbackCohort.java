package org.voz.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * {@code voz:fb:cohort}: the ids of the survivors who agreed at enrolment to be asked for feedback, the only
 * people a campaign may invite (each campaign's filters and opt-outs are checked against their record when
 * invited). Ids only: nothing about them.
 */
public final class FeedbackCohort {

  private final Redis redis;
  private final Keys keys;

  public FeedbackCohort(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  public Future<Void> add(String survivorId) {
    return redis.future(redis.commands().sadd(key(), survivorId)).mapEmpty();
  }

  public Future<List<String>> members() {
    return redis.future(redis.commands().smembers(key())).map(ids -> ids.stream().sorted().toList());
  }

  private String key() {
    return keys.global("fb", "cohort");
  }
}
