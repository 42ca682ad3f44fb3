package org.voz.conversation;

import org.voz.consent.ConsentView;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The duress PIN: a harmless, empty conversation and a silent alert")
class DuressTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final SurvivorView VIEW = SurvivorView.of("s1", List.of(
      new ConsentView("c1", "case-notes", "shelter-casa-esperanza", "referral", "2027-06-30", "granted"),
      new ConsentView("c2", "health-information", "clinic-salud-digna", "medical-care", "2027-03-31", "pending")));
  private static final PinCheck PINS = new PinCheck() {
    @Override
    public boolean matches(String pin) {
      return pin.equals("4821");
    }

    @Override
    public boolean isDuress(String pin) {
      return pin.equals("9999");
    }
  };

  private static Engine engine;
  private static Conversations conversations;

  @BeforeAll
  static void load() {
    conversations = Conversations.load(Path.of("conversations"));
    engine = new Engine(conversations, Engine.Options.DEFAULTS);
  }

  private static Transition send(Session s, String text) {
    return engine.step(s, Inbound.text(text, "sms"), T0, VIEW, PINS);
  }

  @Test
  @DisplayName("the duress PIN answers exactly like the right PIN would for someone with nothing on record, and raises duress")
  void looksNormal() {
    Session opened = send(Session.fresh("es"), "hola").session();
    Transition duress = send(opened, "9999");
    Transition empty = engine.step(opened, Inbound.text("4821", "sms"), T0, SurvivorView.of("s1", List.of()), PINS);

    assertThat(duress.replies()).isEqualTo(empty.replies());
    assertThat(duress.effects()).contains(new Effect.RaiseAlert("duress", java.util.Map.of()));
    assertThat(duress.session().verified()).isTrue();
    assertThat(duress.session().pinFailures()).isZero();
  }

  @Test
  @DisplayName("under duress no consent is ever shown or changeable; the right PIN shows them")
  void nothingPersonal() {
    Session duress = send(send(Session.fresh("en"), "hi").session(), "9999").session();
    Transition review = send(duress, "1");
    String text = review.replies().get(0).text();
    assertThat(text).doesNotContain("shelter").doesNotContain("clinic").doesNotContain("Casa").doesNotContain("health");
    assertThat(review.effects()).noneMatch(e -> e instanceof Effect.ConsentChanged);
    Transition withdraw = send(review.session(), "MENU");
    withdraw = send(withdraw.session(), "2");
    assertThat(withdraw.replies().get(0).text()).doesNotContain("shelter");

    Session opened = send(Session.fresh("en"), "hi").session();
    assertThat(send(opened, "4821").replies()).as("the right PIN shows the pending request")
        .isNotEqualTo(send(opened, "9999").replies());
  }

  @Test
  @DisplayName("a quick exit ends the duress conversation; the next one starts at the PIN again")
  void exitEnds() {
    Session duress = send(send(Session.fresh("es"), "hola").session(), "9999").session();
    Session after = send(duress, "SALIR").session();
    assertThat(after.vars()).doesNotContainKey("duress");
    assertThat(after.verified()).isFalse();
  }

  @Test
  @DisplayName("under duress a \"what we changed\" update is neither said nor marked read; the right PIN says it")
  void noNews() {
    org.voz.feedback.LoopNews news = org.voz.feedback.LoopNews.unread("exit-2026", "u1",
        java.util.Map.of("es", "Gracias: ahora abrimos los sábados."), "es");
    SurvivorView view = SurvivorView.of("s1", VIEW.consents()).withNews(List.of(news));
    Session opened = send(Session.fresh("es"), "hola").session();

    Transition duress = engine.step(opened, Inbound.text("9999", "sms"), T0, view, PINS);
    assertThat(duress.replies()).extracting(Effect.Reply::text).noneMatch(t -> t.contains("sábados"));
    assertThat(duress.effects()).noneMatch(Effect.NewsRead.class::isInstance);

    Transition right = engine.step(opened, Inbound.text("4821", "sms"), T0, view, PINS);
    assertThat(right.replies()).extracting(Effect.Reply::text).anyMatch(t -> t.contains("Gracias: ahora abrimos los sábados."));
    assertThat(right.effects()).contains(new Effect.NewsRead("exit-2026", "u1"));
  }
}
