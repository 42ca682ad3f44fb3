package org.voz.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a survivor's consent ledger: append-only, hash-chained (see {@link LedgerChain}).
 *
 * @param type        {@code consent.proposed}, {@code consent.granted}, {@code consent.declined},
 *                    {@code consent.revoked}, {@code consent.expired}, {@code consent.reason}, a correction, …
 * @param at          when it was committed
 * @param channel     {@code sms}, {@code whatsapp}, {@code telegram}, {@code sim} or {@code staff}
 * @param actor       {@code survivor}, a staff id, or {@code system} (expiry)
 * @param consentId   the consent item
 * @param from        its status before (empty for a proposal)
 * @param to          its status after
 * @param receipt     the receipt code shown to the survivor (empty when none was shown)
 * @param flow        the conversation flow that made the change, and {@code flowVersion} its version
 * @param language    the language the survivor read
 * @param shown       the exact text the survivor saw and answered
 * @param reason      the reason the survivor offered, or empty
 * @param details     what else the event records, e.g. a proposal's data, recipient, purpose and until
 * @param prevHash    the hash of the event before ({@link LedgerChain#GENESIS} for the first)
 * @param hash        {@code SHA-256(prevHash + canonical form)}, hex
 */
public record LedgerEvent(
    String type, Instant at, String channel, String actor, String consentId, String from, String to,
    String receipt, String flow, int flowVersion, String language, String shown, String reason,
    java.util.Map<String, String> details, String prevHash, String hash) {

  /** An event without details. */
  public LedgerEvent(
      String type, Instant at, String channel, String actor, String consentId, String from, String to,
      String receipt, String flow, int flowVersion, String language, String shown, String reason,
      String prevHash, String hash) {
    this(type, at, channel, actor, consentId, from, to, receipt, flow, flowVersion, language, shown, reason,
        java.util.Map.of(), prevHash, hash);
  }

  public LedgerEvent {
    details = details == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    channel = orEmpty(channel);
    actor = orEmpty(actor);
    consentId = orEmpty(consentId);
    from = orEmpty(from);
    to = orEmpty(to);
    receipt = orEmpty(receipt);
    flow = orEmpty(flow);
    language = orEmpty(language);
    shown = orEmpty(shown);
    reason = orEmpty(reason);
    prevHash = orEmpty(prevHash);
    hash = orEmpty(hash);
  }

  /** An event not chained yet: {@link LedgerChain#append} fills in {@code prevHash} and {@code hash}. */
  public static LedgerEvent unchained(
      String type, Instant at, String channel, String actor, String consentId, String from, String to,
      String receipt, String flow, int flowVersion, String language, String shown, String reason) {
    return new LedgerEvent(type, at, channel, actor, consentId, from, to, receipt, flow, flowVersion, language, shown,
        reason, "", "");
  }

  /** As {@link #unchained(String, Instant, String, String, String, String, String, String, String, int, String, String, String)}, with details. */
  public LedgerEvent withDetails(java.util.Map<String, String> more) {
    return new LedgerEvent(type, at, channel, actor, consentId, from, to, receipt, flow, flowVersion, language, shown,
        reason, more, prevHash, hash);
  }

  LedgerEvent chained(String prev, String newHash) {
    return new LedgerEvent(type, at, channel, actor, consentId, from, to, receipt, flow, flowVersion, language, shown,
        reason, details, prev, newHash);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
