package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Outbox entry kinds: a type in Java, the same names in the stream")
class OutboxEntryKindTest {

  @Test
  @DisplayName("the wire names are those the stream, the dead letters and the Lua scripts have always held")
  void wireNames() {
    assertThat(Arrays.stream(OutboxEntry.Kind.values()).map(OutboxEntry.Kind::wire))
        .containsExactly("reply", "alert", "notice", "staffnote", "forget", "email");
    OutboxEntry alert = OutboxEntry.of("a1", OutboxEntry.Kind.ALERT, "webhook", "", "sealed").withAttempts(2).withGiveUpAt(99);
    assertThat(alert.toFields()).containsEntry("kind", "alert");
    assertThat(OutboxEntry.fromFields(alert.toFields())).isEqualTo(alert);
  }

  @Test
  @DisplayName("only alerts, notices and alerts' e-mails must arrive")
  void mustArrive() {
    assertThat(Arrays.stream(OutboxEntry.Kind.values()).filter(OutboxEntry.Kind::mustArrive))
        .containsExactly(OutboxEntry.Kind.ALERT, OutboxEntry.Kind.NOTICE, OutboxEntry.Kind.EMAIL);
  }

  @Test
  @DisplayName("an entry of an unknown kind is malformed (the dispatcher dead-letters it)")
  void unknownKind() {
    OutboxEntry reply = OutboxEntry.of("r1", OutboxEntry.Kind.REPLY, "sms", "to", "body");
    java.util.Map<String, String> fields = new java.util.HashMap<>(reply.toFields());
    fields.put("kind", "postcard");
    assertThatThrownBy(() -> OutboxEntry.fromFields(fields)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown outbox kind postcard");
  }
}
