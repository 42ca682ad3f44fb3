package org.voz.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message waiting in a partition's outbox stream. Everything personal is sealed (AES-GCM) before it
 * gets here: {@code to} and {@code body} are opaque to the store and the dispatcher.
 *
 * @param id       stable id across retries (alerts carry it to the case manager's webhook)
 * @param kind     {@code reply} (to a survivor), {@code alert} (to the case managers' webhook), {@code notice},
 *                 {@code staffnote}, or {@code forget} (delete the survivor's sensitive Telegram messages)
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
    String id, String kind, String channel, String to, String body, int attempts, long notBefore, long giveUpAt,
    String survivor, String marks) {

  public static final String SENSITIVE = "sensitive";
  public static final String RECEIPT = "receipt";

  public OutboxEntry(String id, String kind, String channel, String to, String body, int attempts, long notBefore,
      long giveUpAt) {
    this(id, kind, channel, to, body, attempts, notBefore, giveUpAt, "", "");
  }

  public OutboxEntry(String id, String kind, String channel, String to, String body, int attempts) {
    this(id, kind, channel, to, body, attempts, 0, 0);
  }

  public OutboxEntry(String id, String kind, String channel, String to, String body, int attempts, long notBefore) {
    this(id, kind, channel, to, body, attempts, notBefore, 0);
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
    m.put("kind", kind);
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
        f.get("id"), f.get("kind"), f.get("channel"), f.get("to"), f.get("body"),
        Integer.parseInt(f.getOrDefault("attempts", "0")), Long.parseLong(f.getOrDefault("notBefore", "0")),
        Long.parseLong(f.getOrDefault("giveUpAt", "0")), f.get("survivor"), f.get("marks"));
  }

  public OutboxEntry retried() {
    return new OutboxEntry(id, kind, channel, to, body, attempts + 1, notBefore, giveUpAt, survivor, marks);
  }
}
