package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.junit.Stubbing;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.voz.testing.Wait;

/** The WireMock stand-ins the integration tests share: Twilio's Messages API and the alert webhook. */
final class Stubs {

  static final String MESSAGES = "/2010-04-01/Accounts/.*/Messages.json";

  private Stubs() {}

  /**
   * Twilio's Messages API accepts every message (201, queued), and its list of messages is empty: a reply sent again
   * after an attempt with no answer (a timeout on a loaded machine) asks the list first, and finds nothing there.
   */
  static void twilioAccepts(Stubbing stub) {
    stub.stubFor(post(urlPathMatching(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"queued\"}")));
    stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching(MESSAGES)).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"messages\": [], \"uri\": \"/list\", \"next_page_uri\": null, \"page\": 0, \"page_size\": 50}")));
  }

  /** The case managers' alert webhook accepts every alert (204). */
  static void alertsAccept(Stubbing stub) {
    stub.stubFor(post(urlPathEqualTo("/alerts")).willReturn(aResponse().withStatus(204)));
  }

  /** The alerts the case managers' webhook received, oldest first. */
  static java.util.List<io.vertx.core.json.JsonObject> alerts(Stubbing stub) {
    return stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/alerts")))
        .stream().map(r -> new io.vertx.core.json.JsonObject(r.getBodyAsString())).toList();
  }

  /** A form-encoded body as a map (the first value of each name). */
  static Map<String, String> formOf(String body) {
    Map<String, String> form = new TreeMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      form.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return form;
  }

  /** The texts Twilio was asked to send to {@code phone}, in order. */
  static List<String> bodiesTo(Stubbing stub, String phone) {
    List<String> bodies = new ArrayList<>();
    stub.findAll(postRequestedFor(urlPathMatching(MESSAGES))).forEach(r -> {
      Map<String, String> form = formOf(r.getBodyAsString());
      if (phone.equals(form.get("To")) && form.containsKey("Body")) {
        bodies.add(form.get("Body"));
      }
    });
    return bodies;
  }

  /**
   * Sends each of {@code texts} from {@code phone} as a signed SMS and returns Voz's whole reply to each (its parts
   * joined by a newline): each reply is taken once it has begun to arrive and the outbox is empty again, so that a
   * reply in several parts is never split between two texts, however slowly the parts go out.
   */
  static List<String> converse(VozHarness voz, Stubbing stub, String phone, String... texts) throws Exception {
    List<String> replies = new ArrayList<>();
    for (String text : texts) {
      int before = bodiesTo(stub, phone).size();
      int status = Wait.await(voz.sms(phone, text, VozHarness.newSid())).statusCode();
      if (status != 200) {
        throw new AssertionError("the webhook answered " + status);
      }
      Wait.waitFor(() -> bodiesTo(stub, phone).size() > before && voz.outboxEmpty(), Duration.ofSeconds(10));
      List<String> all = bodiesTo(stub, phone);
      replies.add(String.join("\n", all.subList(before, all.size())));
    }
    return replies;
  }
}
