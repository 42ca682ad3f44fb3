package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.channel.OutboundText;
import org.voz.conversation.Effect;
import org.voz.crypto.Keyring;
import org.voz.store.Json;
import org.voz.store.OutboxEntry;

@DisplayName("EffectWriter: replies become outbox entries")
class EffectWriterTest {

  private final Keyring keyring = new Keyring(Keyring.newKey());
  private final EffectWriter writer = new EffectWriter(keyring, Set.of(), Duration.ofHours(24), false, 3);

  private String text(OutboxEntry e) {
    return Json.read(keyring.open(e.body()), OutboundText.class).text();
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
}
