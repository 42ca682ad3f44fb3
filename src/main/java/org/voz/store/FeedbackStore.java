package org.voz.store;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.voz.crypto.Keyring;
import org.voz.feedback.Answer;

/**
 * Feedback answers at rest. All keys of a campaign share the hash tag {@code {<campaignId>}} (one Cluster
 * slot), and none lives in a survivor's partition: a partition is derived from the survivor id, so
 * storing an anonymous answer there would already point at 1/partitions of the survivors.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code voz:fb:{c}:anon}</td><td>set</td><td>sealed anonymous answers: no survivor id, no time, one
 *       answer per member (a person's answers are not tied to each other); a set has no order, so arrival order
 *       is lost, and each member is sealed with a fresh IV so equal answers are distinct members</td></tr>
 *   <tr><td>{@code voz:fb:{c}:linked}</td><td>hash</td><td>{@code <survivorId>:<questionId>} → sealed linked
 *       answer (a resumed survey overwrites)</td></tr>
 *   <tr><td>{@code voz:fb:{c}:answered}</td><td>set</td><td>HMAC(data key, campaign, survivor id): who has
 *       answered, only so that nobody is invited twice</td></tr>
 *   <tr><td>{@code voz:fb:{c}:reached}</td><td>set</td><td>HMAC(data key, campaign, survivor id, question id):
 *       makes a repeated write (a retried delivery) a no-op</td></tr>
 *   <tr><td>{@code voz:fb:{c}:released}</td><td>string</td><td>the sealed answer set frozen when the results
 *       were first read after the campaign closed; from then on results come only from it and no answer is
 *       accepted, so two readings can never differ by one person's answers</td></tr>
 * </table>
 *
 * <p>Why {@code answered} and {@code reached} do not link people to anonymous answers: they hold keyed hashes,
 * not ids, and no answer value (a skip writes the same marker as an answer); the answers hold no id, no hash,
 * no time and no order. Nothing is shared between the two but the campaign. What remains is cardinality and
 * timing for someone who can read Redis repeatedly with the data key during a campaign (one new marker and
 * one new answer between two snapshots): that is why results are published only with small-cell suppression,
 * and why nothing here keeps a timestamp.
 */
public final class FeedbackStore {

  private static final LuaScript RECORD = new LuaScript("feedback-record", """
      if redis.call('EXISTS', KEYS[4]) == 1 then
        return -1
      end
      local fresh = redis.call('SADD', KEYS[1], ARGV[1])
      redis.call('SADD', KEYS[2], ARGV[2])
      if ARGV[3] == 'linked' then
        if fresh == 0 and redis.call('HEXISTS', KEYS[3], ARGV[5]) == 0 then
          return 0
        end
        redis.call('HSET', KEYS[3], ARGV[5], ARGV[4])
        return fresh == 1 and 1 or 2
      end
      if fresh == 1 then
        redis.call('SADD', KEYS[3], ARGV[4])
      end
      return fresh
      """);

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public FeedbackStore(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /**
   * Records one answer of {@code survivorId}, atomically with the "has answered" marker. An anonymous answer
   * ({@link Answer#anonymous()}) is stored without the survivor id, which is used only for the keyed markers.
   * Idempotent per survivor and question for anonymous answers (the first write wins, so a retry does not
   * count twice); a linked answer overwrites an earlier linked one (a resumed survey), never an anonymous one. True if the answer is new; false for a repeat or an overwrite, or
   * once the results have been released (the campaign is closed).
   */
  public Future<Boolean> record(String survivorId, Answer answer) {
    if (survivorId == null || survivorId.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("the survivor id is needed for the markers"));
    }
    if (!answer.anonymous() && !answer.survivorId().equals(survivorId)) {
      return Future.failedFuture(new IllegalArgumentException("a linked answer of another survivor"));
    }
    String c = answer.campaignId();
    boolean linked = !answer.anonymous();
    String[] k = {key(c, "reached"), key(c, "answered"), key(c, linked ? "linked" : "anon"), key(c, "released")};
    String sealed = keyring.seal(Aad.answer(c), Json.write(linked ? answer : answer.withoutSurvivor()));
    return RECORD.<Long>run(redis, ScriptOutputType.INTEGER, k,
            marker(c, survivorId, answer.questionId()), marker(c, survivorId, null),
            linked ? "linked" : "anon", sealed, survivorId + ":" + answer.questionId())
        .map(n -> n == 1L);
  }

  /**
   * The survivor's own linked answers to {@code questionIds} of a campaign (for their copy of the file), in
   * that order. Anonymous answers are not found: they hold no survivor id.
   */
  public Future<List<Answer>> linkedAnswers(String campaignId, String survivorId, List<String> questionIds) {
    if (questionIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String[] fields = questionIds.stream().map(q -> survivorId + ":" + q).toArray(String[]::new);
    return redis.future(redis.commands().hmget(key(campaignId, "linked"), fields)).map(values -> values.stream()
        .filter(v -> v.hasValue())
        .map(v -> Json.read(keyring.open(Aad.answer(campaignId), v.getValue()), Answer.class))
        .toList());
  }

  /** Whether {@code survivorId} has answered any question of the campaign (to avoid a second invitation). */
  public Future<Boolean> hasAnswered(String campaignId, String survivorId) {
    return redis.future(redis.commands().sismember(key(campaignId, "answered"), marker(campaignId, survivorId, null)));
  }

  /** Every answer of the campaign, anonymous and linked, opened. Callers must not pass survivor ids on to coordinators. */
  public Future<List<Answer>> answers(String campaignId) {
    Future<java.util.Set<String>> anon = redis.future(redis.commands().smembers(key(campaignId, "anon")));
    Future<List<String>> linked = redis.future(redis.commands().hvals(key(campaignId, "linked")));
    return Future.all(anon, linked).map(done -> {
      List<Answer> out = new ArrayList<>();
      anon.result().forEach(s -> out.add(Json.read(keyring.open(Aad.answer(campaignId), s), Answer.class)));
      linked.result().forEach(s -> out.add(Json.read(keyring.open(Aad.answer(campaignId), s), Answer.class)));
      return out;
    });
  }

  /**
   * The answers results are computed from: on the first call, every answer stored so far, frozen (whoever
   * freezes first wins); afterwards always that same set. Call it only once the campaign has closed.
   */
  public Future<List<Answer>> released(String campaignId) {
    String key = key(campaignId, "released");
    return redis.future(redis.commands().get(key)).compose(sealed -> sealed != null
        ? Future.succeededFuture(open(campaignId, sealed))
        : answers(campaignId).compose(all -> redis.future(redis.commands().setnx(key, keyring.seal(Aad.released(campaignId), Json.write(new Released(all)))))
            .compose(set -> set
                ? Future.succeededFuture(all)
                : redis.future(redis.commands().get(key)).map(s -> open(campaignId, s)))));
  }

  /** The frozen answer set as stored. */
  record Released(List<Answer> answers) {}

  private List<Answer> open(String campaignId, String sealed) {
    return Json.read(keyring.open(Aad.released(campaignId), sealed), Released.class).answers();
  }

  String key(String campaignId, String what) {
    return keys.global("fb", "{" + campaignId + "}", what);
  }

  private String marker(String campaignId, String survivorId, String questionId) {
    return keyring.markerHash("feedback", campaignId + "\n" + survivorId + (questionId == null ? "" : "\n" + questionId));
  }
}
