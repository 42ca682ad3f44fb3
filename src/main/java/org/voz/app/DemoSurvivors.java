package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.simulator.SimulatorRoutes.Persona;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.contact.ChannelId;
import org.voz.crypto.PinHasher;
import org.voz.service.EffectWriter;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.store.RequestIndex;
import org.voz.store.SurvivorRepository;
import org.voz.conversation.Effect;
import org.voz.requests.FileRequest;
import org.voz.requests.FileRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test survivors for the simulator (dev only): one per language, each with a few consents. */
final class DemoSurvivors {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSurvivors.class);

  static final List<Persona> PERSONAS = List.of(
      new Persona("ana", "es", "1234"),
      new Persona("sam", "en", "1234"),
      new Persona("joao", "pt", "1234"),
      new Persona("marie", "fr", "1234"));

  private final SurvivorRepository survivors;
  private final PinHasher pins;
  private final SurvivorUpdates updates;
  private final Vertx vertx;
  private final Clock clock;
  private final RequestIndex requests;
  private final boolean demoData;

  DemoSurvivors(SurvivorRepository survivors, SurvivorUpdates updates, PinHasher pins, Vertx vertx, Clock clock,
      RequestIndex requests, boolean demoData) {
    this.requests = requests;
    this.demoData = demoData;
    this.survivors = survivors;
    this.updates = updates;
    this.pins = pins;
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Enrols the personas that are not enrolled yet (their simulator address is the index). */
  Future<Void> seed() {
    Future<Void> chain = Future.succeededFuture();
    for (Persona persona : PERSONAS) {
      chain = chain.compose(v -> seedOne(persona));
    }
    return chain;
  }

  private Future<Void> seedOne(Persona persona) {
    return survivors.idForAddress(ChannelId.SIMULATOR.value(), persona.name()).compose(existing -> {
      if (existing.isPresent()) {
        return Future.succeededFuture();
      }
      return vertx.executeBlocking(() -> pins.hash(persona.pin()), false)
          .map(hash -> Survivor.enrolled("demo-" + persona.name(), "DEMO-" + persona.name().toUpperCase(),
              persona.language(), "cm-demo", List.of(new Survivor.Contact(ChannelId.SIMULATOR.value(), persona.name())), hash,
              consents(), clock.instant()))
          .compose(survivor -> updates.enrol(survivor, EffectWriter.Actor.system("demo"), waiting(persona, survivor.id())))
          .compose(s -> requests.index(s.id(), FileRequests.earliestAlert(s.requests())).map(s))
          .onSuccess(s -> LOG.info("simulator survivor enrolled id={}", s.id()))
          .mapEmpty();
    });
  }

  /**
   * What waits for the demo case manager (cm-demo) in the console: Ana asked for a copy of her file 35 days ago
   * (due 5 days ago, so it is flagged overdue and the due-date job raises its alert), and asked to talk to a person.
   */
  private List<Effect> waiting(Persona persona, String survivorId) {
    if (!demoData || !persona.name().equals("ana")) {
      return List.of();
    }
    Instant now = clock.instant();
    String reference = "R-DEMO01";
    FileRequest request = new FileRequest(FileRequests.id(survivorId, reference), "copy", "", "", "link", "open", "",
        reference, now.minus(Duration.ofDays(35)), now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(35)), null,
        false, false);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("requestId", request.id());
    fields.put("reference", reference);
    fields.put("requestKind", request.kind());
    fields.put("delivery", request.delivery());
    fields.put("dueAt", request.dueAt().toString());
    return List.of(new Effect.FileRequestOpened(request, "demo", 1), new Effect.RaiseAlert("file_request.opened", fields),
        new Effect.RaiseAlert("contact.requested", Map.of()));
  }

  private List<ConsentItem> consents() {
    List<ConsentItem> list = new ArrayList<>();
    var now = clock.instant();
    list.add(new ConsentItem("c1", "case-notes", "shelter-casa-esperanza", "referral", LocalDate.parse("2027-06-30"), "granted", now));
    list.add(new ConsentItem("c2", "contact-details", "legal-aid-network", "legal-support", LocalDate.parse("2027-01-31"), "granted", now));
    list.add(new ConsentItem("c3", "health-information", "clinic-salud-digna", "medical-care", LocalDate.parse("2026-12-31"), "pending", now));
    return list;
  }
}
