package org.voz.channel.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.voz.contact.ChannelId;
import org.voz.service.inbound.InboundMessage;
import org.voz.service.inbound.InboundService;
import org.voz.web.ApiError;

/**
 * The local chat simulator (dev only): a plain HTML page at {@code /simulator} and a tiny JSON API that
 * {@code voz chat} uses too. Messages go through the real path: commit, outbox, dispatcher.
 */
public final class SimulatorRoutes {

  /** A demo survivor the simulator can chat as. */
  public record Persona(String name, String language, String pin) {}

  private final InboundService inbound;
  private final SimulatorInbox inbox;
  private final List<Persona> personas;
  private final String page;
  private final java.util.function.Predicate<String> owns;

  public SimulatorRoutes(InboundService inbound, SimulatorInbox inbox, List<Persona> personas) {
    this(inbound, inbox, personas, number -> false);
  }

  /** @param owns the SMS numbers the simulator owns: it chats as them too (channel {@code sms}) */
  public SimulatorRoutes(InboundService inbound, SimulatorInbox inbox, List<Persona> personas,
      java.util.function.Predicate<String> owns) {
    this.owns = owns;
    this.inbound = inbound;
    this.inbox = inbox;
    this.personas = List.copyOf(personas);
    this.page = resource("/simulator/index.html");
  }

  public void mount(Router router) {
    router.get("/simulator").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        // a development page with its script and style inline; still never framed
        .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; "
            + "style-src 'unsafe-inline'; " + org.voz.web.SecurityHeaders.FRAME_ANCESTORS)
        .end(page));
    router.get("/simulator/api/personas").handler(this::personas);
    router.post("/simulator/api/messages").handler(this::send);
    router.get("/simulator/api/messages").handler(this::messages);
  }

  private void personas(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    personas.forEach(p -> list.add(new JsonObject().put("name", p.name()).put("language", p.language()).put("pin", p.pin())));
    ctx.json(new JsonObject().put("personas", list));
  }

  private void send(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw ApiError.badRequest(null, "malformed JSON");
    }
    if (body == null) {
      throw ApiError.badRequest(null, "a JSON body is required");
    }
    String as = persona(body.getValue("as") instanceof String s ? s : null);
    Object text = body.getValue("text");
    if (!(text instanceof String t)) {
      throw ApiError.badRequest("text", "text is required");
    }
    String channel = owns.test(as) ? ChannelId.SMS.value() : ChannelId.SIMULATOR.value();
    inbound.receive(new InboundMessage(channel, as, t, false, "sim:" + UUID.randomUUID()))
        .onSuccess(result -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("result", result.name().toLowerCase()).encode()))
        .onFailure(ctx::fail);
  }

  private void messages(RoutingContext ctx) {
    String as = persona(ctx.queryParams().get("as"));
    long after;
    try {
      after = Long.parseLong(ctx.queryParams().get("after") == null ? "0" : ctx.queryParams().get("after"));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("after", "after must be a number");
    }
    JsonArray list = new JsonArray();
    inbox.after(as, after).forEach(d -> list.add(new JsonObject().put("seq", d.seq()).put("text", d.text())
        .put("choices", new JsonArray(d.choices()))));
    ctx.json(new JsonObject().put("messages", list));
  }

  private String persona(String name) {
    if (name != null && owns.test(name)) {
      return name;
    }
    if (name == null || personas.stream().noneMatch(p -> p.name().equals(name))) {
      throw ApiError.badRequest("as", "as must be one of the simulator's personas, or an SMS number it owns");
    }
    return name;
  }

  private static String resource(String path) {
    try (InputStream in = SimulatorRoutes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
