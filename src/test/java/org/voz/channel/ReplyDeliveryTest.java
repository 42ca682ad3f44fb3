package org.voz.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.crypto.Keyring;
import org.voz.dispatch.OutboundText;
import org.voz.service.VozMetrics;
import org.voz.store.Json;
import org.voz.store.OutboxEntry;

/** When a reply counts as sent for the outbox: the moment its channel accepted it. */
class ReplyDeliveryTest {

  private final Keyring keyring = new Keyring(Keyring.newKey());

  @Test
  @DisplayName("a reply confirms its send with the provider's ids as soon as the channel accepted it, before what "
      + "it sent is recorded")
  void confirmsBeforeRecording() {
    Promise<Void> recording = Promise.promise(); // recording what was sent has not finished
    ChannelSender sms = (address, text) -> Future.succeededFuture(List.of("SM0001"));
    ReplyDelivery delivery = new ReplyDelivery(keyring, Map.of("sms", sms), null, Map.of(),
        new VozMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), staff -> Future.succeededFuture(List.of()),
        (entry, address, text, ids) -> recording.future(), null);
    OutboxEntry reply = OutboxEntry.of("r1", OutboxEntry.Kind.REPLY, "sms",
        keyring.seal(org.voz.store.Aad.outboxTo("r1"), "+15550000001"),
        keyring.seal(org.voz.store.Aad.outboxBody("r1"), Json.write(new OutboundText("Hi"))));
    List<List<String>> confirmed = new ArrayList<>();

    Future<Void> delivered = delivery.deliver(reply, confirmed::add);

    assertThat(confirmed).containsExactly(List.of("SM0001"));
    assertThat(delivered.isComplete()).isFalse();
    recording.complete();
    assertThat(delivered.succeeded()).isTrue();
    assertThat(confirmed).hasSize(1);
  }

  @Test
  @DisplayName("a reply the channel refused confirms nothing")
  void refusedConfirmsNothing() {
    ChannelSender sms = (address, text) -> Future.failedFuture(
        org.voz.dispatch.DeliveryException.transientFailure("twilio 500"));
    ReplyDelivery delivery = new ReplyDelivery(keyring, Map.of("sms", sms), null, Map.of(),
        new VozMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), staff -> Future.succeededFuture(List.of()),
        SentListener.NONE, null);
    OutboxEntry reply = OutboxEntry.of("r2", OutboxEntry.Kind.REPLY, "sms",
        keyring.seal(org.voz.store.Aad.outboxTo("r2"), "+15550000001"),
        keyring.seal(org.voz.store.Aad.outboxBody("r2"), Json.write(new OutboundText("Hi"))));
    List<List<String>> confirmed = new ArrayList<>();

    assertThat(delivery.deliver(reply, confirmed::add).failed()).isTrue();
    assertThat(confirmed).isEmpty();
  }
}
