package org.voz.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.voz.crypto.Keyring;

/**
 * The Telegram messages that showed a survivor something sensitive (the bot's answers while verified, and the
 * survivor's own messages they answered, the PIN among them), to delete from the chat once the conversation
 * ends. Telegram lets a bot delete messages of a private chat for 48 hours, so they are kept for less.
 *
 * <p>Layout: {@code voz:{p}:shown:<survivorId>} is a sorted set, member {@code <message_id>:<sealed chat id>},
 * score = when it was sent (epoch ms), expiring {@link #KEEP} after the last one; {@code voz:{p}:shown} indexes
 * the partition's survivors by their newest such message, for the sweep of quiet chats.
 */
public final class ShownMessages {

  /** Under Telegram's 48-hour deletion limit. */
  public static final Duration KEEP = Duration.ofHours(47);

  private static final LuaScript RECORD = LuaScript.resource(ShownMessages.class, "shown-record.lua");
  private static final LuaScript FORGOTTEN = LuaScript.resource(ShownMessages.class, "shown-forgotten.lua");

  /** One message to delete: its chat (opened) and message_id, and the member that stands for it. */
  public record Shown(String chatId, String messageId, String member) {}

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public ShownMessages(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /** Records messages {@code messageIds} of chat {@code chatId} as shown to {@code survivorId} at {@code at}. */
  public Future<Void> record(String survivorId, String chatId, List<String> messageIds, Instant at) {
    return record(survivorId, chatId, messageIds, at, false);
  }

  /**
   * As {@link #record(String, String, List, Instant)}, only while the survivor is enrolled: nothing if they were erased
   * meanwhile (a reply under way during the erasure), so that no key named after them comes back.
   */
  public Future<Void> recordWhileEnrolled(String survivorId, String chatId, List<String> messageIds, Instant at) {
    return record(survivorId, chatId, messageIds, at, true);
  }

  private Future<Void> record(String survivorId, String chatId, List<String> messageIds, Instant at, boolean enrolled) {
    if (messageIds.isEmpty()) {
      return Future.succeededFuture();
    }
    int p = keys.partitionOf(survivorId);
    String key = key(p, survivorId);
    String sealedChat = keyring.seal(Aad.shown(survivorId), chatId);
    List<String> args = new ArrayList<>();
    args.add(survivorId);
    args.add(String.valueOf(at.toEpochMilli()));
    args.add(String.valueOf(KEEP.toMillis()));
    messageIds.forEach(id -> args.add(id + ":" + sealedChat));
    return RECORD.<Long>run(redis, ScriptOutputType.INTEGER, enrolled ? new String[] {key, index(p), keys.session(p, survivorId)}
            : new String[] {key, index(p)}, args.toArray(String[]::new))
        .mapEmpty();
  }

  /** The messages recorded for {@code survivorId}, oldest first. */
  public Future<List<Shown>> of(String survivorId) {
    return redis.future(redis.commands().zrange(key(keys.partitionOf(survivorId), survivorId), 0, -1))
        .map(members -> {
          List<Shown> shown = new ArrayList<>();
          for (String member : members) {
            int colon = member.indexOf(':');
            if (colon > 0) {
              shown.add(new Shown(keyring.open(Aad.shown(survivorId), member.substring(colon + 1)), member.substring(0, colon), member));
            }
          }
          return shown;
        });
  }

  /** Forgets {@code done} (deleted, or past deleting); the survivor leaves the index once nothing is left. */
  public Future<Void> forgotten(String survivorId, List<Shown> done) {
    int p = keys.partitionOf(survivorId);
    List<String> args = new ArrayList<>();
    args.add(survivorId);
    done.forEach(s -> args.add(s.member()));
    return FORGOTTEN.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key(p, survivorId), index(p)},
        args.toArray(String[]::new)).mapEmpty();
  }

  /** A survivor with messages to delete, and when the newest of them was sent. */
  public record Quiet(String survivorId, Instant since) {}

  /** Survivors whose newest recorded message is older than {@code before}, over every partition. */
  public Future<List<Quiet>> quietSince(Instant before) {
    List<Future<List<ScoredValue<String>>>> reads = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      reads.add(redis.future(redis.commands().zrangebyscoreWithScores(index(p),
          Range.create(Double.NEGATIVE_INFINITY, (double) before.toEpochMilli()))));
    }
    return Future.all(reads).map(done -> reads.stream().flatMap(f -> f.result().stream())
        .map(v -> new Quiet(v.getValue(), Instant.ofEpochMilli((long) v.getScore()))).toList());
  }

  private String key(int p, String survivorId) {
    return keys.inPartition(p, "shown", survivorId);
  }

  private String index(int p) {
    return keys.inPartition(p, "shown");
  }
}
