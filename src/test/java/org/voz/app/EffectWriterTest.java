package org.voz.app;

import org.voz.service.EffectWriter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.dispatch.OutboundText;
import org.voz.contact.Capabilities;
import org.voz.contact.ChannelCatalog;
import org.voz.contact.ChannelId;
import org.voz.conversation.Choice;
import org.voz.conversation.Effect;
import org.voz.crypto.Keyring;
import org.voz.store.Aad;
import org.voz.store.Json;
import org.voz.store.OutboxEntry;

@DisplayName("EffectWriter: replies become outbox entries")
class EffectWriterTest {

  private final Keyring keyring = new Keyring(Keyring.newKey());
  /** What the channel modules declare (SMS billed by segments, Telegram with buttons and deletion). */
  private static final ChannelCatalog CHANNELS = new ChannelCatalog(Map.of(ChannelId.SMS, Capabilities.TEXT.withSegments(),
      ChannelId.WHATSAPP, Capabilities.TEXT.withTemplates(), ChannelId.TELEGRAM, Capabilities.TEXT.withButtons().withDeletion()));
  private final EffectWriter writer = new EffectWriter(keyring, () -> CHANNELS, EffectWriter.Options.DEFAULTS);

  private String text(OutboxEntry e) {
    return Json.read(keyring.open(org.voz.store.Aad.outboxBody(e.id()), e.body()), OutboundText.class).text();
  }

  @Test
  @DisplayName("a long SMS becomes one entry per part within the segment budget, in order, so a failed part is retried alone")
  void longSmsSplit() {
    String longText = "palabra ".repeat(120).strip(); // 959 GSM-7 characters: more than 3 segments
    List<OutboxEntry> entries = writer.replies("sms", "+50255550147", List.of(Effect.Reply.of(longText)));
    assertThat(entries).hasSizeGreaterThan(1);
    entries.forEach(e -> assertThat(org.voz.conversation.SmsSegments.segments(text(e))).isLessThanOrEqualTo(3));
    assertThat(String.join(" ", entries.stream().map(this::text).toList())).isEqualTo(longText);
    assertThat(entries.stream().map(OutboxEntry::id).distinct()).hasSameSizeAs(entries);
  }

  @Test
  @DisplayName("other channels and short texts stay one entry; an empty text is still sent")
  void oneEntry() {
    assertThat(writer.replies("telegram", "1001", List.of(Effect.Reply.of("palabra ".repeat(120))))).hasSize(1);
    assertThat(writer.replies("sms", "+50255550147", List.of(Effect.Reply.of("Hola.")))).hasSize(1);
    assertThat(writer.replies("sms", "+50255550147", List.of(Effect.Reply.of("")))).hasSize(1);
  }

  @Test
  @DisplayName("a reply with choices keeps them as structure for the channel to render; on SMS it is its numbered text, cut at commit")
  void choicesStructuredOrNumbered() {
    Effect.Reply menu = new Effect.Reply("¿Qué quieres hacer?", Choice.numbered(List.of("Mis permisos", "Salir")), true, false);
    OutboxEntry toTelegram = writer.replies("telegram", "1001", List.of(menu)).get(0);
    OutboundText telegram = Json.read(keyring.open(Aad.outboxBody(toTelegram.id()), toTelegram.body()), OutboundText.class);
    assertThat(telegram.text()).isEqualTo("¿Qué quieres hacer?");
    assertThat(telegram.choices()).isEqualTo(menu.choices());
    assertThat(telegram.buttons()).isEqualTo(menu.choices());
    assertThat(telegram.asText()).isEqualTo("¿Qué quieres hacer?\n1. Mis permisos\n2. Salir");

    OutboxEntry toSms = writer.replies("sms", "+50255550147", List.of(menu)).get(0);
    OutboundText sms = Json.read(keyring.open(Aad.outboxBody(toSms.id()), toSms.body()), OutboundText.class);
    assertThat(sms.text()).isEqualTo("¿Qué quieres hacer?\n1. Mis permisos\n2. Salir");
    assertThat(sms.choices()).isEmpty();
  }

  @Test
  @DisplayName("what a channel declares decides, not its id: a channel billed by segments is split, SMS that declares none is not, and forget entries go to each channel that can delete")
  void capabilitiesDecide() {
    ChannelId fake = new ChannelId("fake");
    ChannelCatalog declared = new ChannelCatalog(Map.of(fake, Capabilities.TEXT.withSegments().withDeletion(),
        ChannelId.SMS, Capabilities.TEXT));
    EffectWriter other = new EffectWriter(keyring, () -> declared, EffectWriter.Options.DEFAULTS);
    List<Effect.Reply> longText = List.of(Effect.Reply.of("palabra ".repeat(120).strip()));
    assertThat(other.replies("fake", "fake-1", longText)).hasSizeGreaterThan(1);
    assertThat(other.replies("sms", "+50255550147", longText)).hasSize(1);
    assertThat(other.replies("unknown", "u-1", longText)).as("a channel Voz does not run: plain text").hasSize(1);

    java.time.Instant now = java.time.Instant.parse("2026-11-23T12:00:00Z");
    org.voz.consent.Survivor survivor = org.voz.consent.Survivor.enrolled("s1", "GT-1", "es", "cm-ana", List.of(), "hash",
        List.of(), now);
    assertThat(other.write(survivor, List.of(new Effect.ForgetShown()), EffectWriter.Actor.survivor("fake"), "es", now)
        .outbox()).extracting(OutboxEntry::channel).containsExactly("fake", "fake");
    EffectWriter none = new EffectWriter(keyring, () -> ChannelCatalog.NONE, EffectWriter.Options.DEFAULTS);
    assertThat(none.write(survivor, List.of(new Effect.ForgetShown()), EffectWriter.Actor.survivor("sms"), "es", now)
        .outbox()).as("no channel can delete: nothing to forget").isEmpty();
  }

  @Test
  @DisplayName("a reply said while verified is marked sensitive and names the message it answers; a receipt is marked")
  void marks() {
    List<OutboxEntry> sensitive = writer.replies("telegram", "1001",
        List.of(Effect.Reply.of("Tus permisos").withSensitive(true)), "s1", "41", true);
    OutboxEntry entry = sensitive.get(0);
    assertThat(entry.survivor()).isEqualTo("s1");
    assertThat(entry.marked(OutboxEntry.SENSITIVE)).isTrue();
    assertThat(entry.marked(OutboxEntry.RECEIPT)).isTrue();
    assertThat(Json.read(keyring.open(org.voz.store.Aad.outboxBody(entry.id()), entry.body()), OutboundText.class).answers()).isEqualTo("41");
    assertThat(OutboxEntry.fromFields(entry.toFields())).isEqualTo(entry);

    OutboxEntry plain = writer.replies("telegram", "1001", List.of(Effect.Reply.of("Hola")), "s1", "42", false).get(0);
    assertThat(plain.marks()).isEmpty();
    assertThat(Json.read(keyring.open(org.voz.store.Aad.outboxBody(plain.id()), plain.body()), OutboundText.class).answers()).as("only a sensitive answer's").isNull();
    assertThat(writer.replies("sms", "+50255550147", List.of(Effect.Reply.of("Hola."))).get(0).survivor())
        .as("a stranger's reply is about nobody").isEmpty();
  }

  @Test
  @DisplayName("ForgetShown becomes a forget entry at once and another 10 s later; delivery.failed sends no note to the phone that failed")
  void forgetAndNoLoop() {
    java.time.Instant now = java.time.Instant.parse("2026-11-23T12:00:00Z");
    org.voz.consent.Survivor survivor = org.voz.consent.Survivor.enrolled("s1", "GT-1", "es", "cm-ana", List.of(), "hash",
        List.of(), now);
    EffectWriter notifying = new EffectWriter(keyring, () -> CHANNELS,
        EffectWriter.Options.DEFAULTS.withNotifyCaseManager(true));
    List<OutboxEntry> forget = notifying.write(survivor, List.of(new Effect.ForgetShown()), EffectWriter.Actor.survivor("telegram"),
        "es", now).outbox();
    assertThat(forget).extracting(OutboxEntry::kind).containsExactly(OutboxEntry.Kind.FORGET, OutboxEntry.Kind.FORGET);
    assertThat(forget).extracting(OutboxEntry::channel).containsOnly("telegram");
    assertThat(forget).extracting(OutboxEntry::survivor).containsOnly("s1");
    assertThat(forget).extracting(OutboxEntry::notBefore).containsExactly(0L, now.plusSeconds(10).toEpochMilli());

    List<OutboxEntry> failed = notifying.write(survivor,
        List.of(new Effect.RaiseAlert(EffectWriter.DELIVERY_FAILED, java.util.Map.of("failed", "alert_note"))),
        EffectWriter.Actor.system("delivery"), "es", now).outbox();
    assertThat(failed).extracting(OutboxEntry::kind).containsExactly(OutboxEntry.Kind.ALERT);
    List<OutboxEntry> revoked = notifying.write(survivor, List.of(new Effect.RaiseAlert("consent.revoked", java.util.Map.of())),
        EffectWriter.Actor.survivor("sms"), "es", now).outbox();
    assertThat(revoked).extracting(OutboxEntry::kind).containsExactly(OutboxEntry.Kind.ALERT, OutboxEntry.Kind.STAFFNOTE);
  }
}
