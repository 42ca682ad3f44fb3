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
import org.voz.store.SurvivorRepository;

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

  DemoSurvivors(SurvivorRepository survivors, SurvivorUpdates updates, PinHasher pins, Vertx vertx, Clock clock) {
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
          .map(hash -> new Survivor("demo-" + persona.name(), "DEMO-" + persona.name().toUpperCase(),
              persona.language(), "cm-demo", List.of(new Survivor.Contact(ChannelId.SIMULATOR.value(), persona.name())), hash,
              consents(), clock.instant(), null, null, null))
          .compose(survivor -> updates.enrol(survivor, EffectWriter.Actor.system("demo"), List.of()))
          .onSuccess(s -> LOG.info("simulator survivor enrolled id={}", s.id()))
          .mapEmpty();
    });
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
