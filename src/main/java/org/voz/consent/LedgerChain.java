package org.voz.consent;

import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of a consent ledger. Each event's {@code hash} is
 * {@code hex(SHA-256(prevHash + canonical(event)))}; the first event's {@code prevHash} is
 * {@link #GENESIS}. Changing a field, removing an event or swapping two breaks the chain at that
 * event (removing the last one is only visible against a stored head hash: see {@link #verify(List, String)}).
 *
 * <p>The canonical form is no JSON, so that no library's escaping or key order can change it: every
 * field in a fixed order, each written {@code name=<length>:<value>\n} with the length in UTF-16
 * units, so that no value can pass for another field whatever characters it holds.
 */
public final class LedgerChain {

  /** The {@code prevHash} of a survivor's first event: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private LedgerChain() {}

  /** The canonical form of an event (everything but its own hash, with its {@code prevHash}). */
  public static String canonical(LedgerEvent e) {
    StringBuilder out = new StringBuilder(256);
    field(out, "type", e.type());
    field(out, "at", e.at().toString());
    field(out, "channel", e.channel());
    field(out, "actor", e.actor());
    field(out, "consentId", e.consentId());
    field(out, "from", e.from());
    field(out, "to", e.to());
    field(out, "receipt", e.receipt());
    field(out, "flow", e.flow());
    field(out, "flowVersion", String.valueOf(e.flowVersion()));
    field(out, "language", e.language());
    field(out, "shown", e.shown());
    field(out, "reason", e.reason());
    e.details().forEach((name, value) -> field(out, "details." + name, value));
    field(out, "prev", e.prevHash());
    return out.toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(name).append('=').append(value.length()).append(':').append(value).append('\n');
  }

  /** {@code hex(SHA-256(prevHash + canonical(event)))} of the event as it is (its own hash ignored). */
  public static String hash(LedgerEvent e) {
    return HexFormat.of().formatHex(Receipts.sha256(e.prevHash() + canonical(e)));
  }

  /** The event chained after {@code previous} (null for the first event of a ledger). */
  public static LedgerEvent append(LedgerEvent previous, LedgerEvent event) {
    return append(previous == null ? GENESIS : previous.hash(), event);
  }

  /** The event chained after the event whose hash is {@code head} ({@link #GENESIS} or null for the first). */
  public static LedgerEvent append(String head, LedgerEvent event) {
    String prev = head == null ? GENESIS : head;
    LedgerEvent linked = event.chained(prev, "");
    return linked.chained(prev, hash(linked));
  }

  /** The hash of the last event, {@link #GENESIS} for an empty ledger. */
  public static String head(List<LedgerEvent> events) {
    return events.isEmpty() ? GENESIS : events.get(events.size() - 1).hash();
  }

  /**
   * The index of the first event whose link is broken (its {@code prevHash} is not the hash of the event
   * before, or its {@code hash} is not the hash of its content), or -1 when the whole chain holds.
   */
  public static int verify(List<LedgerEvent> events) {
    String prev = GENESIS;
    for (int i = 0; i < events.size(); i++) {
      LedgerEvent e = events.get(i);
      if (!e.prevHash().equals(prev) || !e.hash().equals(hash(e))) {
        return i;
      }
      prev = e.hash();
    }
    return -1;
  }

  /**
   * Like {@link #verify(List)}, and the last event's hash must be {@code expectedHead} (kept apart from
   * the events): a removed last event is reported at index {@code events.size()}.
   */
  public static int verify(List<LedgerEvent> events, String expectedHead) {
    int broken = verify(events);
    if (broken >= 0) {
      return broken;
    }
    return head(events).equals(expectedHead) ? -1 : events.size();
  }
}
