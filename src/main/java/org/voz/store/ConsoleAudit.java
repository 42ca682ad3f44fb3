package org.voz.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The console's account events, newest last in one stream ({@code voz:console-audit}), capped at {@code maxEvents}
 * (trimmed approximately): sign-ins (succeeded, failed, refused while locked), sign-outs, sessions ended by a
 * deactivation, and admins' actions on accounts. Ids only: the staff id (only of a member that exists: a mistyped
 * username could be anything, even a password), the acting admin's id, and a keyed hash of the client address.
 */
public final class ConsoleAudit {

  /**
   * One event.
   *
   * @param id      the stream id (time-ordered), the page cursor
   * @param type    e.g. {@code sign_in}, {@code sign_in_failed}, {@code sign_in_locked}, {@code sign_out}
   * @param staffId whose account, or null when the username named no member
   * @param by      the admin who acted, for admins' actions; else null
   * @param address the keyed hash of the client's address, or null
   */
  public record Event(String id, Instant at, String type, String staffId, String by, String address) {}

  /** A page of events, newest first, and the cursor of the next (older) page, or null at the oldest. */
  public record Page(List<Event> events, String older) {}

  private final Redis redis;
  private final Keys keys;
  private final long maxEvents;

  public ConsoleAudit(Redis redis, Keys keys, long maxEvents) {
    this.redis = redis;
    this.keys = keys;
    this.maxEvents = maxEvents;
  }

  public Future<Void> record(Instant at, String type, String staffId, String by, String address) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("at", at.toString());
    fields.put("type", type);
    if (staffId != null) {
      fields.put("staff", staffId);
    }
    if (by != null) {
      fields.put("by", by);
    }
    if (address != null) {
      fields.put("addr", address);
    }
    return await(redis.commands().xadd(key(), XAddArgs.Builder.maxlen(maxEvents).approximateTrimming(), fields))
        .mapEmpty();
  }

  /** Up to {@code size} events older than the cursor {@code before} (null: the newest), newest first. */
  public Future<Page> page(String before, int size) {
    Range.Boundary<String> upper = before == null ? Range.Boundary.unbounded() : Range.Boundary.including(before);
    return await(redis.commands().xrevrange(key(), Range.from(Range.Boundary.unbounded(), upper), Limit.create(0, size + 2)))
        .map(messages -> {
          List<Event> events = new ArrayList<>();
          for (StreamMessage<String, String> m : messages) {
            if (!m.getId().equals(before)) {
              events.add(event(m));
            }
          }
          boolean more = events.size() > size;
          List<Event> shown = events.subList(0, Math.min(size, events.size()));
          return new Page(List.copyOf(shown), more ? shown.get(shown.size() - 1).id() : null);
        });
  }

  private static Event event(StreamMessage<String, String> m) {
    Map<String, String> f = m.getBody();
    return new Event(m.getId(), Instant.parse(f.get("at")), f.get("type"), f.get("staff"), f.get("by"), f.get("addr"));
  }

  /** Whether a page cursor is a stream id (so a made-up one is refused before Redis sees it). */
  public static boolean isCursor(String text) {
    return text != null && text.matches("[0-9]{1,20}-[0-9]{1,20}");
  }

  private String key() {
    return keys.global("console-audit");
  }

  private <T> Future<T> await(CompletionStage<T> stage) {
    return redis.future(stage);
  }
}
