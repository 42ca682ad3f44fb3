package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.holdsFor;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lettuce.core.StreamMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.dispatch.OutboundText;
import org.voz.store.Aad;
import org.voz.store.Json;
import org.voz.store.OutboxEntry;

/**
 * Issue 17: a reply Twilio accepted just before the instance died, and whose settling never reached Redis, is
 * read again by the restarted instance (same consumer name). It asks Twilio's message list first: found there, the
 * entry is settled without a send; not found, or the list failing, it is sent once.
 */
@VozTest
@DisplayName("A reply read again after a crash: Twilio's message list decides whether it is sent again")
class UnknownSendTest {

  private static final String SID = "SM" + "5e".repeat(16);
  /** Twilio's dates: RFC 2822, {@code Mon, 07 Dec 2026 14:39:20 +0000}. */
  static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US);

  private VozRoom room;
  private WireMockServer stub;

  @BeforeEach
  void room(VozRoom room, WireMockServer stub) {
    this.room = room;
    this.stub = stub;
  }

  /** What the first instance had read and not settled when it died: the texts of its pending replies. */
  private record Crashed(String consumer, String phone, List<String> bodies) {}

  /**
   * Runs a first instance whose Twilio takes the connection and never answers; a survivor writes; once every outbox
   * entry is read (pending with the instance's consumer), the instance dies (its Redis connection closed first, so
   * nothing it does afterwards reaches Redis). Returns the texts of the entries left pending.
   */
  private Crashed crashWithRepliesPending() throws Exception {
    String consumer = "voz-test-" + UUID.randomUUID().toString().substring(0, 8);
    String phone = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      VozHarness first = room.start(Map.of("outbox.consumer", consumer, "outbox.claimIdle", "PT60S",
          "twilio.apiBase", "http://127.0.0.1:" + silent.getLocalPort()));
      await(first.enrol(phone, "es", "4821"));
      assertThat(await(first.sms(phone, "hola", VozHarness.newSid())).statusCode()).isEqualTo(200);
      waitFor(() -> pendingEntries(first).size() >= 1 && pendingEntries(first).size() == streamLength(first),
          Duration.ofSeconds(10));
      List<String> bodies = new ArrayList<>();
      for (StreamMessage<String, String> message : pendingEntries(first)) {
        OutboxEntry entry = OutboxEntry.fromFields(message.getBody());
        assertThat(entry.kind()).isEqualTo(OutboxEntry.Kind.REPLY);
        bodies.add(Json.read(first.open(Aad.outboxBody(entry.id()), entry.body()), OutboundText.class).asText());
      }
      await(first.redis.closeAsync());
      await(first.voz.stop());
      return new Crashed(consumer, phone, bodies);
    }
  }

  private static List<StreamMessage<String, String>> pendingEntries(VozHarness voz) {
    List<StreamMessage<String, String>> all = new ArrayList<>();
    org.voz.store.Keys keys = voz.keys();
    for (int p = 0; p < keys.partitions(); p++) {
      try {
        long pending = await(voz.redis.future(voz.redis.commands().xpending(keys.outbox(p), "dispatch"))).getCount();
        if (pending > 0) {
          all.addAll(await(voz.redis.future(voz.redis.commands().xrange(keys.outbox(p), io.lettuce.core.Range.create("-", "+")))));
        }
      } catch (Exception noGroupYet) {
        // not read yet
      }
    }
    return all;
  }

  private static long streamLength(VozHarness voz) {
    long all = 0;
    org.voz.store.Keys keys = voz.keys();
    for (int p = 0; p < keys.partitions(); p++) {
      try {
        all += await(voz.redis.future(voz.redis.commands().xlen(keys.outbox(p))));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return all;
  }

  /** Twilio's list of messages to {@code phone}: {@code bodies}, created now, newest first. */
  private void twilioLists(String phone, List<String> bodies) {
    JsonArray messages = new JsonArray();
    String now = TWILIO_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    for (int i = bodies.size() - 1; i >= 0; i--) {
      messages.add(new JsonObject().put("sid", i == 0 ? SID : "SM" + String.format("%032x", i)).put("to", phone)
          .put("from", VozHarness.FROM).put("body", bodies.get(i)).put("date_created", now).put("date_sent", null)
          .put("status", "sent"));
    }
    String uri = "/2010-04-01/Accounts/" + VozHarness.ACCOUNT + "/Messages.json?To=" + phone + "&PageSize=50";
    stub.stubFor(get(urlPathMatching(Stubs.MESSAGES)).withQueryParam("To", equalTo(phone))
        .withQueryParam("From", equalTo(VozHarness.FROM))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(new JsonObject().put("messages", messages).put("uri", uri).put("first_page_uri", uri)
                .put("next_page_uri", null).put("previous_page_uri", null).put("page", 0).put("page_size", 50)
                .encode())));
  }

  private VozHarness restart(Crashed crashed) throws Exception {
    return room.twin(Map.of("outbox.consumer", crashed.consumer(), "outbox.claimIdle", "PT60S"));
  }

  private void settledOnce(VozHarness restarted) {
    waitFor(() -> restarted.outboxEmpty() && pendingEntries(restarted).isEmpty(), Duration.ofSeconds(15));
    // settled for good: nothing is read or sent again over several sweeps
    holdsFor(Duration.ofMillis(500), restarted::outboxEmpty);
  }

  @Test
  @DisplayName("Twilio already has the reply: it is settled with Twilio's SID and not sent again")
  void alreadyAtTwilio() throws Exception {
    Crashed crashed = crashWithRepliesPending();
    twilioLists(crashed.phone(), crashed.bodies());

    VozHarness restarted = restart(crashed);
    settledOnce(restarted);

    assertThat(room.twilio().sent()).isEmpty();
    stub.verify(getRequestedFor(urlPathMatching(Stubs.MESSAGES)).withQueryParam("To", equalTo(crashed.phone())));
  }

  @Test
  @DisplayName("Twilio's list does not show the reply: it is sent, once")
  void notAtTwilio() throws Exception {
    Crashed crashed = crashWithRepliesPending();
    twilioLists(crashed.phone(), List.of("Another text to the same number"));

    VozHarness restarted = restart(crashed);
    settledOnce(restarted);

    assertThat(room.twilio().sent()).extracting(form -> form.get("Body")).containsExactlyElementsOf(crashed.bodies());
  }

  @Test
  @DisplayName("Twilio's list answers 500: the reply is sent, once")
  void listFails() throws Exception {
    Crashed crashed = crashWithRepliesPending();
    stub.stubFor(get(urlPathMatching(Stubs.MESSAGES)).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"code\":20500,\"status\":500}")));

    VozHarness restarted = restart(crashed);
    settledOnce(restarted);

    stub.verify(getRequestedFor(urlPathMatching(Stubs.MESSAGES)));
    assertThat(room.twilio().sent()).extracting(form -> form.get("Body")).containsExactlyElementsOf(crashed.bodies());
  }
}
