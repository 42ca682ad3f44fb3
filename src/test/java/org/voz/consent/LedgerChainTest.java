package org.voz.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The consent ledger's hash chain")
class LedgerChainTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:15:00Z");

  static List<LedgerEvent> ledger() {
    List<LedgerEvent> events = new ArrayList<>();
    LedgerEvent prev = null;
    for (LedgerEvent e : List.of(
        LedgerEvent.unchained("consent.proposed", T0, "staff", "cm-ana", "c1", "", "pending", "", "", 0, "es", "", ""),
        LedgerEvent.unchained("consent.granted", T0.plusSeconds(60), "sms", "survivor", "c1", "pending", "granted",
            "K7P2QX", "requests", 1, "es", "¿Compartir tus datos? …\n1. Sí, acepto\n2. No", ""),
        LedgerEvent.unchained("consent.revoked", T0.plusSeconds(120), "sms", "survivor", "c1", "granted", "revoked",
            "5HBZGQ", "revoke", 1, "es", "Si confirmas, …", ""),
        LedgerEvent.unchained("consent.reason", T0.plusSeconds(180), "sms", "survivor", "c1", "", "", "5HBZGQ",
            "revoke", 1, "es", "", "Ya no vivo ahí"))) {
      prev = LedgerChain.append(prev, e);
      events.add(prev);
    }
    return events;
  }

  @Test
  @DisplayName("an intact chain verifies; the first event links to the genesis hash")
  void intact() {
    List<LedgerEvent> events = ledger();
    assertThat(LedgerChain.verify(events)).isEqualTo(-1);
    assertThat(LedgerChain.verify(List.of())).isEqualTo(-1);
    assertThat(events.get(0).prevHash()).isEqualTo(LedgerChain.GENESIS);
    assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
    assertThat(events.get(0).hash()).matches("[0-9a-f]{64}");
    assertThat(LedgerChain.verify(events, LedgerChain.head(events))).isEqualTo(-1);
  }

  @Test
  @DisplayName("the hash is SHA-256 of the previous hash and the canonical form, and is stable")
  void hashDefinition() {
    LedgerEvent first = ledger().get(0);
    assertThat(LedgerChain.canonical(first)).startsWith("type=16:consent.proposed\nat=20:2026-11-23T10:15:00Z\n")
        .endsWith("prev=64:" + LedgerChain.GENESIS + "\n");
    assertThat(first.hash()).isEqualTo(java.util.HexFormat.of()
        .formatHex(Receipts.sha256(LedgerChain.GENESIS + LedgerChain.canonical(first))));
    assertThat(ledger()).isEqualTo(ledger());
  }

  @Test
  @DisplayName("a tampered field is detected at that event, whichever field it is")
  void tampered() {
    List<LedgerEvent> events = ledger();
    LedgerEvent e = events.get(2);
    List<LedgerEvent> variants = List.of(
        new LedgerEvent(e.type(), e.at(), e.channel(), e.actor(), e.consentId(), e.from(), "granted", e.receipt(),
            e.flow(), e.flowVersion(), e.language(), e.shown(), e.reason(), e.prevHash(), e.hash()),
        new LedgerEvent(e.type(), e.at().plusSeconds(1), e.channel(), e.actor(), e.consentId(), e.from(), e.to(),
            e.receipt(), e.flow(), e.flowVersion(), e.language(), e.shown(), e.reason(), e.prevHash(), e.hash()),
        new LedgerEvent(e.type(), e.at(), e.channel(), e.actor(), e.consentId(), e.from(), e.to(), e.receipt(),
            e.flow(), e.flowVersion(), e.language(), e.shown() + " ", e.reason(), e.prevHash(), e.hash()),
        new LedgerEvent(e.type(), e.at(), e.channel(), e.actor(), "c2", e.from(), e.to(), e.receipt(),
            e.flow(), e.flowVersion(), e.language(), e.shown(), e.reason(), e.prevHash(), e.hash()),
        new LedgerEvent(e.type(), e.at(), e.channel(), e.actor(), e.consentId(), e.from(), e.to(), e.receipt(),
            e.flow(), 2, e.language(), e.shown(), e.reason(), e.prevHash(), e.hash()));
    for (LedgerEvent tampered : variants) {
      List<LedgerEvent> copy = new ArrayList<>(events);
      copy.set(2, tampered);
      assertThat(LedgerChain.verify(copy)).as(tampered.toString()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a tampered event whose hash is recomputed breaks the link of the next one")
  void rehashed() {
    List<LedgerEvent> events = new ArrayList<>(ledger());
    LedgerEvent e = events.get(1);
    LedgerEvent forged = LedgerChain.append(events.get(0), LedgerEvent.unchained(e.type(), e.at(), e.channel(),
        e.actor(), e.consentId(), e.from(), "declined", e.receipt(), e.flow(), e.flowVersion(), e.language(), e.shown(),
        e.reason()));
    events.set(1, forged);
    assertThat(LedgerChain.verify(events)).isEqualTo(2);
  }

  @Test
  @DisplayName("a removed event is detected at the event after it; a removed last event against the head")
  void removed() {
    List<LedgerEvent> events = new ArrayList<>(ledger());
    String head = LedgerChain.head(events);
    List<LedgerEvent> middle = new ArrayList<>(events);
    middle.remove(1);
    assertThat(LedgerChain.verify(middle)).isEqualTo(1);
    List<LedgerEvent> first = new ArrayList<>(events);
    first.remove(0);
    assertThat(LedgerChain.verify(first)).isEqualTo(0);
    List<LedgerEvent> last = new ArrayList<>(events);
    last.remove(3);
    assertThat(LedgerChain.verify(last, head)).isEqualTo(3);
  }

  @Test
  @DisplayName("a reordered pair is detected at the first of the two")
  void reordered() {
    List<LedgerEvent> events = new ArrayList<>(ledger());
    Collections.swap(events, 1, 2);
    assertThat(LedgerChain.verify(events)).isEqualTo(1);
  }

  @Test
  @DisplayName("field values cannot pass for other fields")
  void unambiguous() {
    LedgerEvent a = LedgerEvent.unchained("t", T0, "sms", "survivor", "c1", "", "", "", "", 0, "es", "x\nreason=0:", "");
    LedgerEvent b = LedgerEvent.unchained("t", T0, "sms", "survivor", "c1", "", "", "", "", 0, "es", "x", "\nreason=0:");
    assertThat(LedgerChain.canonical(a)).isNotEqualTo(LedgerChain.canonical(b));
  }
}
