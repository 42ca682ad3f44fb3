package org.voz.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message waiting in a partition's outbox stream. Everything personal is sealed (AES-GCM) before it
 * gets here: {@code to} and {@code body} are opaque to the store and the dispatcher.
 *
 * @param id       stable id across retries (alerts carry it to the case manager's webhook)
 * @param kind     what it is and so how it is delivered (see {@link Kind}); stored by its {@link Kind#wire} name
 * @param channel  for replies: {@code sms}, {@code whatsapp}, {@code telegram}, {@code sim}; for alerts: {@code webhook}
 * @param to       sealed destination address (empty for alerts)
 * @param body     sealed payload (reply text, or alert JSON)
 * @param attempts delivery attempts already made
 * @param notBefore epoch milliseconds before which it must not be sent (a survivor's contact hours), 0 = at once
 * @param giveUpAt  epoch milliseconds after which an entry that must arrive (an alert) stops being retried and
 *                  is dead-lettered, then shown as failed; 0 = the attempt limit applies
 * @param survivor  the survivor it is about (an id, not personal), or empty: a reply's sent message ids and a
 *                  {@code forget} entry are kept under it, and a failed delivery is reported on it
 * @param marks     what it carries that matters after sending, comma-separated, or empty: {@link #SENSITIVE}
 *                  (shown while verified: deleted from a Telegram chat when the conversation ends),
 *                  {@link #RECEIPT} (a consent receipt: its permanent failure raises {@code delivery.failed})
 */
public record OutboxEntry(
    String id, Kind kind, String channel, String to, String body, int attempts, long notBefore, long giveUpAt,
    String survivor, String marks) {

  /**
   * The kinds of entry. The wire names are what the stream, the dead letters and the Lua scripts hold
   * (commit.lua, promote.lua copy the fields as they are): they never change, whatever the constants are called.
   */
  public enum Kind {
    /** A message to a survivor, on the channel they wrote from. */
    REPLY("reply"),
    /** To the case managers' webhook; must arrive. */
    ALERT("alert"),
    /** To a recipient of shared data (e.g. a revocation); must arrive. */
    NOTICE("notice"),
    /** A note to a case manager by a staff channel, that an alert is waiting. */
    STAFFNOTE("staffnote"),
    /** Delete the survivor's sensitive Telegram messages. */
    FORGET("forget"),
    /** An alert told by e-mail to its case manager, if they chose it (type and case reference only); must arrive. */
    EMAIL("email");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    /** The name stored in the stream's {@code kind} field. */
    public String wire() {
      return wire;
    }

    /**
     * Whether it is retried however long its endpoint is down (until its {@code giveUpAt}), never dead-lettered
     * after a number of attempts: an alert or a notice that is lost leaves a sharing going on; an alert's e-mail is lost to no mail server outage.
     */
    public boolean mustArrive() {
      return this == ALERT || this == NOTICE || this == EMAIL;
    }

    /**
     * Whether a case manager must hear that one about a survivor was given up on, until a later one of the same kind
     * about them goes out ({@link Undelivered}): a reply to them, a note to their case manager about them. Alerts are
     * flagged on their own card; notices and e-mails must arrive.
     */
    public boolean flaggedWhenLost() {
      return this == REPLY || this == STAFFNOTE;
    }

    /** @throws IllegalArgumentException for a name that is no kind (a malformed entry) */
    public static Kind of(String wire) {
      for (Kind kind : values()) {
        if (kind.wire.equals(wire)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown outbox kind " + wire);
    }
  }

  public static final String SENSITIVE = "sensitive";
  public static final String RECEIPT = "receipt";
  /**
   * Its last attempt's outcome is unknown (the provider's answer never came, or the delivery timed out): the
   * provider may have it, and the next attempt asks first. Set and cleared by the dispatcher at each retry.
   */
  public static final String UNSURE = "unsure";

  /** The same entry with the {@link #UNSURE} mark set or cleared. */
  public OutboxEntry unsure(boolean unsure) {
    if (unsure == marked(UNSURE)) {
      return this;
    }
    java.util.List<String> kept = new java.util.ArrayList<>(marks.isEmpty() ? java.util.List.of()
        : java.util.Arrays.stream(marks.split(",")).filter(m -> !m.equals(UNSURE)).toList());
    if (unsure) {
      kept.add(UNSURE);
    }
    return new OutboxEntry(id, kind, channel, to, body, attempts, notBefore, giveUpAt, survivor, String.join(",", kept));
  }

  /** A new entry: never tried, due at once, given up on only after the outbox's own attempts. */
  public static OutboxEntry of(String id, Kind kind, String channel, String to, String body) {
    return new OutboxEntry(id, kind, channel, to, body, 0, 0, 0, "", "");
  }

  /** The same entry, tried {@code n} times. */
  public OutboxEntry withAttempts(int n) {
    return new OutboxEntry(id, kind, channel, to, body, n, notBefore, giveUpAt, survivor, marks);
  }

  /** The same entry, not to be delivered before {@code epochMillis}. */
  public OutboxEntry withNotBefore(long epochMillis) {
    return new OutboxEntry(id, kind, channel, to, body, attempts, epochMillis, giveUpAt, survivor, marks);
  }

  /** The same entry, dead-lettered if still undelivered at {@code epochMillis}. */
  public OutboxEntry withGiveUpAt(long epochMillis) {
    return new OutboxEntry(id, kind, channel, to, body, attempts, notBefore, epochMillis, survivor, marks);
  }

  public OutboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    to = to == null ? "" : to;
    Objects.requireNonNull(body, "body");
    survivor = survivor == null ? "" : survivor;
    marks = marks == null ? "" : marks;
  }

  /** The same entry about {@code survivorId}, with {@code marks} (e.g. {@link #SENSITIVE}). */
  public OutboxEntry about(String survivorId, String... marks) {
    return new OutboxEntry(id, kind, channel, to, body, attempts, notBefore, giveUpAt, survivorId,
        String.join(",", java.util.Arrays.stream(marks).filter(m -> m != null && !m.isEmpty()).toList()));
  }

  public boolean marked(String mark) {
    return !marks.isEmpty() && java.util.Arrays.asList(marks.split(",")).contains(mark);
  }

  public Map<String, String> toFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("kind", kind.wire());
    m.put("channel", channel);
    m.put("to", to);
    m.put("body", body);
    m.put("attempts", Integer.toString(attempts));
    if (notBefore > 0) {
      m.put("notBefore", Long.toString(notBefore));
    }
    if (giveUpAt > 0) {
      m.put("giveUpAt", Long.toString(giveUpAt));
    }
    if (!survivor.isEmpty()) {
      m.put("survivor", survivor);
    }
    if (!marks.isEmpty()) {
      m.put("marks", marks);
    }
    return m;
  }

  public static OutboxEntry fromFields(Map<String, String> f) {
    return new OutboxEntry(
        f.get("id"), Kind.of(f.get("kind")), f.get("channel"), f.get("to"), f.get("body"),
        Integer.parseInt(f.getOrDefault("attempts", "0")), Long.parseLong(f.getOrDefault("notBefore", "0")),
        Long.parseLong(f.getOrDefault("giveUpAt", "0")), f.get("survivor"), f.get("marks"));
  }

  public OutboxEntry retried() {
    return withAttempts(attempts + 1);
  }
}
