package org.voz.conversation;

import org.voz.consent.ConsentView;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Engine")
class EngineTest {

  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final PinCheck PIN = "4821"::equals;
  static final SurvivorView VIEW = SurvivorView.of("s1",
      List.of(new ConsentView("c1", "case-notes", "shelter", "referral", "2027-06-30", "granted")));

  static Conversations conversations;
  static Engine engine;

  @BeforeAll
  static void load() {
    conversations = Conversations.load(Path.of("conversations"));
    engine = new Engine(conversations, Engine.Options.DEFAULTS);
  }

  static Transition send(Session s, String text) {
    return engine.step(s, Inbound.text(text, "sms"), T0, VIEW, PIN);
  }

  static String reply(Transition t) {
    assertThat(t.replies()).hasSize(1);
    return t.replies().get(0).text();
  }

  static String sys(String key, String language) {
    return conversations.systemText(key, language);
  }

  /** An English-speaking survivor at the main menu, PIN verified. */
  static Session atMenu() {
    Session s = send(Session.fresh("en"), "hi").session();
    return send(s, "4821").session();
  }

  static Session optedOut() {
    return send(atMenu(), "STOP").session();
  }

  @Nested
  @DisplayName("reserved words")
  class Reserved {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"STOP", "stop", "Stop.", " STOPALL ", "Unsubscribe", "cancel", "END", "quit", "Revoke",
        "optout", "PARAR", "alto", "Baja", "NO MÁS", "no mas", "No  Más!", "pare", "Cancelar", "ARRÊT", "arret",
        "Arrêter", "arretez", "RETE", "rete"})
    @DisplayName("every STOP word of every language opts out with one confirmation and ends the conversation")
    void stopFamily(String word) {
      Transition t = send(atMenu(), word);
      assertThat(t.session().optedOut()).isTrue();
      assertThat(t.session().active()).isFalse();
      assertThat(t.session().verified()).isFalse();
      assertThat(reply(t)).isEqualTo(sys("stop", "en"));
      assertThat(t.effects()).hasSize(2).last().isEqualTo(new Effect.ForgetShown());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"hello", "4821", "1", "MENU", "salir", "idioma", "STOP", "😀", ""})
    @DisplayName("while opted out, anything but START and HELP gets no reply at all")
    void silenceWhileOptedOut(String text) {
      Session before = optedOut();
      Transition t = send(before, text);
      assertThat(t.effects()).isEmpty();
      assertThat(t.session().optedOut()).isTrue();
      assertThat(t.session().active()).isFalse();
      assertThat(t.session().turns()).isEqualTo(before.turns() + 1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"START", "start", "Yes", "UNSTOP", "comenzar", "Empezar", "reanudar", "COMEÇAR",
        "comecar", "voltar", "Commencer", "reprendre", "KÒMANSE", "komanse"})
    @DisplayName("every START word opts back in with the start text and the PIN prompt")
    void startFamily(String word) {
      Transition t = send(optedOut(), word);
      assertThat(t.session().optedOut()).isFalse();
      assertThat(reply(t)).isEqualTo(sys("start", "en") + "\nHi. Reply with your PIN to continue.");
    }

    @Test
    @DisplayName("START while not opted out is an ordinary answer")
    void startWhenNotOptedOut() {
      Transition t = send(atMenu(), "yes");
      assertThat(reply(t)).startsWith(sys("invalid", "en"));
      assertThat(t.session().invalidCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"HELP", "help", "Info", "AYUDA", "ajuda", "Aide", "aide?", "ÈD", "ed"})
    @DisplayName("every HELP word answers the neutral help and changes nothing")
    void helpFamily(String word) {
      Session before = atMenu();
      Transition t = send(before, word);
      assertThat(reply(t)).isEqualTo(sys("help", "en"));
      Session after = t.session();
      assertThat(after.flow()).isEqualTo(before.flow());
      assertThat(after.step()).isEqualTo(before.step());
      assertThat(after.verified()).isTrue();
      assertThat(after.turns()).isEqualTo(before.turns() + 1);
    }

    @Test
    @DisplayName("HELP is answered even while opted out, which stays opted out")
    void helpWhileOptedOut() {
      Transition t = send(optedOut(), "AJUDA");
      assertThat(reply(t)).isEqualTo(sys("help", "en"));
      assertThat(t.session().optedOut()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"MENU", "menú", "Menu", "MENÚ", "Meni"})
    @DisplayName("MENU goes to the main menu once verified")
    void menuVerified(String word) {
      Session s = send(atMenu(), "3").session();
      Transition t = send(s, word);
      assertThat(reply(t)).startsWith("What would you like to do?\n1. Who I share my data with");
      assertThat(t.replies().get(0).choices()).hasSize(8);
    }

    @Test
    @DisplayName("MENU before the PIN asks for the PIN and shows nothing else")
    void menuUnverified() {
      assertThat(reply(send(Session.fresh("en"), "menu"))).isEqualTo("Hi. Reply with your PIN to continue.");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"SALIR", "salir", "Exit", "SAIR", "sortir", "Quitter", "QUITTER!", "soti", "SOTI"})
    @DisplayName("every quick-exit word ends the conversation at once with a harmless line")
    void exitFamily(String word) {
      Session before = new Session(3, "en", "main", "menu", true, 0, false, false, 1, T0, 5, Map.of("x", "y"));
      Transition t = send(before, word);
      assertThat(reply(t)).isEqualTo("OK, bye.");
      assertThat(t.session().active()).isFalse();
      assertThat(t.session().verified()).isFalse();
      assertThat(t.session().vars()).as("only the mark that the next conversation offers a person")
          .containsExactly(Map.entry("after_exit", "1"));
      assertThat(t.session().invalidCount()).isZero();
    }

    @Test
    @DisplayName("a nudge after a quick exit keeps its mark: the conversation it opens offers a person after the PIN")
    void nudgeAfterQuickExitStillOffersAPerson() {
      Session exited = send(atMenu(), "SALIR").session();
      Session opened = new org.voz.service.ConversationNudge(conversations,
          java.time.Clock.fixed(T0.plusSeconds(3600), java.time.ZoneOffset.UTC), java.time.Duration.ofMinutes(15))
          .open(exited);
      assertThat(opened.vars()).containsExactly(Map.entry("after_exit", "1"));
      Transition pin = engine.step(opened, Inbound.text("4821", "sms"), T0.plusSeconds(3700), VIEW, PIN);
      assertThat(reply(pin)).startsWith("Good to have you back. Would you like to talk with a person?");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"IDIOMA", "idioma", "Language", "LANGUE", "língua", "lingua", "LANG", "lang"})
    @DisplayName("every language word opens the language menu, before or after the PIN")
    void languageFamily(String word) {
      for (Session s : List.of(Session.fresh("en"), atMenu())) {
        Transition t = send(s, word);
        assertThat(reply(t)).startsWith("Language:\n1. Español\n2. English");
        assertThat(t.session().flow()).isEqualTo("language");
      }
    }

    @Test
    @DisplayName("a reserved word of another language acts, answered in the survivor's language")
    void otherLanguageWord() {
      Transition t = send(Session.fresh("fr"), "PARAR");
      assertThat(reply(t)).isEqualTo(sys("stop", "fr"));
    }

    @Test
    @DisplayName("a reserved word inside a longer message is not reserved")
    void notAlone() {
      Transition t = send(atMenu(), "please stop it");
      assertThat(t.session().optedOut()).isFalse();
      assertThat(reply(t)).startsWith(sys("invalid", "en"));
    }
  }

  @Nested
  @DisplayName("the PIN")
  class Pin {

    @Test
    @DisplayName("a new conversation starts at the PIN prompt whatever the text says")
    void startsAtPin() {
      Transition t = send(Session.fresh("es"), "quiero ver mis permisos");
      assertThat(reply(t)).isEqualTo("Hola. Responde con tu PIN para seguir.");
      assertThat(t.session().flow()).isEqualTo("main");
      assertThat(t.session().step()).isEqualTo("pin");
    }

    @Test
    @DisplayName("the right PIN verifies, resets the failures and shows the menu")
    void rightPin() {
      Session s = send(Session.fresh("en"), "hi").session();
      s = send(s, "1111").session();
      Transition t = send(s, "4821");
      assertThat(t.session().verified()).isTrue();
      assertThat(t.session().pinFailures()).isZero();
      assertThat(reply(t)).startsWith("What would you like to do?");
    }

    @Test
    @DisplayName("a wrong PIN counts a failure and says so neutrally")
    void wrongPin() {
      Session s = send(Session.fresh("en"), "hi").session();
      Transition t = send(s, "1111");
      assertThat(t.session().pinFailures()).isEqualTo(1);
      assertThat(t.session().verified()).isFalse();
      assertThat(reply(t)).isEqualTo(sys("wrong_pin", "en"));
    }

    @Test
    @DisplayName("the fifth wrong PIN locks the record, raises pin.locked once and says the neutral locked text")
    void lockout() {
      Session s = send(Session.fresh("en"), "hi").session();
      for (int i = 0; i < 4; i++) {
        s = send(s, "000" + i).session();
      }
      Transition t = send(s, "9999");
      assertThat(t.session().locked()).isTrue();
      assertThat(t.effects()).containsExactly(Effect.Reply.of(sys("locked", "en")).withSensitive(true),
          new Effect.RaiseAlert("pin.locked", Map.of()));
      Transition next = send(t.session(), "4821");
      assertThat(next.effects()).containsExactly(Effect.Reply.of(sys("locked", "en")));
      assertThat(next.session().verified()).isFalse();
    }

    @Test
    @DisplayName("the number of attempts is the engine's setting")
    void maxAttemptsConfigurable() {
      Engine strict = new Engine(conversations, Engine.Options.DEFAULTS.withMaxPinAttempts(2));
      Session s = strict.step(Session.fresh("en"), Inbound.text("hi", "sms"), T0, VIEW, PIN).session();
      s = strict.step(s, Inbound.text("1111", "sms"), T0, VIEW, PIN).session();
      Transition t = strict.step(s, Inbound.text("2222", "sms"), T0, VIEW, PIN);
      assertThat(t.session().locked()).isTrue();
    }

    @Test
    @DisplayName("text that is no PIN is not an attempt and never reaches the PIN check")
    void notAPin() {
      AtomicInteger checks = new AtomicInteger();
      PinCheck counting = p -> {
        checks.incrementAndGet();
        return false;
      };
      Session s = send(Session.fresh("en"), "hi").session();
      for (String text : List.of("hello", "12", "😀", "a".repeat(100_000))) {
        Transition t = engine.step(s, Inbound.text(text, "sms"), T0, VIEW, counting);
        assertThat(t.session().pinFailures()).isZero();
      }
      assertThat(checks).hasValue(0);
    }

    @Test
    @DisplayName("the PIN is read through spaces, bidi marks and full-width digits")
    void pinNormalised() {
      Session s = send(Session.fresh("en"), "hi").session();
      for (String text : List.of(" 48 21 ", "\u200F4821\u200E", "\u202B4821\u202C", "４８２１", "\u20664821\u2069")) {
        assertThat(send(s, text).session().verified()).as(text).isTrue();
      }
    }

    @Test
    @DisplayName("nothing about consents is shown before the PIN")
    void nothingBeforePin() {
      Session s = new Session(0, "en", "consents", "list", false, 0, false, false, 0, T0, 0, Map.of());
      assertThat(reply(send(s, "1"))).doesNotContain("case-notes", "permission");
    }

    @Test
    @DisplayName("an unverified session waiting at the menu is sent to the PIN prompt, its answer ignored")
    void menuNeedsPin() {
      Session s = new Session(0, "en", "main", "menu", false, 0, false, false, 0, T0, 0, Map.of());
      Transition t = send(s, "1");
      assertThat(reply(t)).isEqualTo("Hi. Reply with your PIN to continue.");
      assertThat(t.session().step()).isEqualTo("pin");
    }
  }

  @Nested
  @DisplayName("the idle timeout")
  class Timeout {

    @Test
    @DisplayName("after 15 idle minutes the conversation is over: not verified, vars cleared, PIN prompt")
    void timesOut() {
      Session s = new Session(2, "en", "main", "menu", true, 0, false, false, 0, T0, 4, Map.of("name", "Ana"));
      Transition t = engine.step(s, Inbound.text("1", "sms"), T0.plus(Duration.ofMinutes(16)), VIEW, PIN);
      assertThat(t.session().verified()).isFalse();
      assertThat(t.session().vars()).isEmpty();
      assertThat(t.session().step()).isEqualTo("pin");
      assertThat(reply(t)).isEqualTo(sys("timed_out", "en") + "\nHi. Reply with your PIN to continue.");
      assertThat(t.session().lastActivity()).isEqualTo(T0.plus(Duration.ofMinutes(16)));
    }

    @Test
    @DisplayName("exactly 15 minutes is not yet idle")
    void notYet() {
      Session s = new Session(2, "en", "main", "menu", true, 0, false, false, 0, T0, 4, Map.of());
      Transition t = engine.step(s, Inbound.text("1", "sms"), T0.plus(Duration.ofMinutes(15)), VIEW, PIN);
      assertThat(t.session().verified()).isTrue();
      assertThat(reply(t)).startsWith("What you share (1):");
    }

    @Test
    @DisplayName("HELP, STOP or media after the timeout do not keep the old verified conversation open")
    void nothingKeepsItOpen() {
      Session s = new Session(2, "en", "main", "menu", true, 0, false, false, 0, T0, 4, Map.of("name", "Ana"));
      for (Inbound in : List.of(Inbound.text("HELP", "sms"), new Inbound("", "sms", true), Inbound.text("STOP", "sms"))) {
        Transition t = engine.step(s, in, T0.plus(Duration.ofMinutes(16)), VIEW, PIN);
        assertThat(t.session().verified()).isFalse();
        assertThat(t.session().vars()).isEmpty();
        if (in.media()) { // a new conversation: the offer of a person, unverified
          assertThat(t.session().flow() + "." + t.session().step()).isEqualTo("person.media");
        } else {
          assertThat(t.session().active()).isFalse();
        }
      }
    }

    @Test
    @DisplayName("wrong PINs survive a timeout")
    void failuresSurvive() {
      Session s = new Session(0, "en", "main", "pin", false, 3, false, false, 0, T0, 4, Map.of());
      Transition t = engine.step(s, Inbound.text("hi", "sms"), T0.plus(Duration.ofHours(1)), VIEW, PIN);
      assertThat(t.session().pinFailures()).isEqualTo(3);
    }
  }

  @Nested
  @DisplayName("answers")
  class Answers {

    @Test
    @DisplayName("the first answer not understood asks again; the second in a row goes back to the menu")
    void invalidTwice() {
      Transition first = send(atMenu(), "banana");
      assertThat(reply(first)).isEqualTo(sys("invalid", "en") + "\n" + reply(send(atMenu(), "menu")));
      assertThat(first.session().invalidCount()).isEqualTo(1);
      Transition second = send(first.session(), "9");
      assertThat(reply(second)).startsWith(sys("invalid_twice", "en") + "\nWhat would you like to do?");
      assertThat(second.session().invalidCount()).isZero();
    }

    @Test
    @DisplayName("a valid answer resets the count of answers not understood")
    void validResets() {
      Session s = send(atMenu(), "banana").session();
      assertThat(send(s, "3").session().invalidCount()).isZero();
    }

    @Test
    @DisplayName("an option is chosen by number, label or word, whatever the case and accents")
    void optionWords() {
      Session es = send(send(Session.fresh("es"), "hola").session(), "4821").session();
      for (String text : List.of("3", "3.", "Mis datos", "MIS DATOS", "datos", "Datos!")) {
        assertThat(reply(send(es, text))).as(text).startsWith("Guardamos tus datos");
      }
    }

    @Test
    @DisplayName("a menu's choices are returned as structure (key and label, for buttons or a keypad) after a bare prompt")
    void choices() {
      Transition t = send(send(Session.fresh("es"), "hola").session(), "4821");
      Effect.Reply reply = t.replies().get(0);
      assertThat(reply.menu()).isTrue();
      assertThat(reply.choices()).extracting(Choice::label)
          .containsExactly("Con quién comparto mis datos", "Dejar de compartir", "Mis datos", "Mis documentos", "Hablar con una persona", "Reportar un problema", "Cambiar idioma", "Salir");
      assertThat(reply.choices()).extracting(Choice::key).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
      assertThat(reply.prompt()).doesNotContain("1. Con quién comparto mis datos");
      assertThat(reply.text()).isEqualTo(Prompts.numbered(reply.prompt(), reply.choices())).contains("\n1. Con quién comparto mis datos\n");
    }

    @Test
    @DisplayName("emoji, control characters and 100 kB messages never throw and are not understood")
    void oddInput() {
      for (String text : List.of("😀👍🏽", "\u0000\u0007", "\u202E\u2066", "x".repeat(100_000), "😀".repeat(50_000),
          "1" + " ".repeat(2000))) {
        Transition t = send(atMenu(), text);
        assertThat(reply(t)).as("input of %d chars", text.length()).startsWith(sys("invalid", "en"));
      }
    }

    @Test
    @DisplayName("control characters and bidi marks around a reserved word do not hide it")
    void hiddenReserved() {
      assertThat(send(atMenu(), "\u202Bstop\u202C").session().optedOut()).isTrue();
      assertThat(send(atMenu(), "\u0000STOP\u0007").session().optedOut()).isTrue();
    }
  }

  @Nested
  @DisplayName("the rest")
  class Rest {

    @Test
    @DisplayName("every step counts one turn, records the time and copies the version")
    void bookkeeping() {
      Session s = new Session(7, "en", null, null, false, 0, false, false, 0, null, 41, Map.of());
      Transition t = engine.step(s, Inbound.text("hi", "sms"), T0, VIEW, PIN);
      assertThat(t.session().version()).isEqualTo(7);
      assertThat(t.session().turns()).isEqualTo(42);
      assertThat(t.session().lastActivity()).isEqualTo(T0);
    }

    @Test
    @DisplayName("an unknown sender gets a neutral reply in the default language and nothing else")
    void unknownSender() {
      Transition t = engine.unknownSender(Inbound.text("hola", "sms"), T0);
      assertThat(t.effects()).containsExactly(Effect.Reply.of(sys("unknown_sender", "es")));
      assertThat(reply(t)).doesNotContainIgnoringCase("PIN");
    }

    @Test
    @DisplayName("media without text gets the media text and the offer of a person, still verified")
    void media() {
      Session before = atMenu();
      Transition t = engine.step(before, new Inbound("", "whatsapp", true), T0, VIEW, PIN);
      assertThat(reply(t)).isEqualTo(sys("media", "en") + "\nWould you rather talk with someone?\n1. Yes\n2. No");
      assertThat(t.session().flow() + "." + t.session().step()).isEqualTo("person.media");
      assertThat(t.session().verified()).isTrue();
    }

    @Test
    @DisplayName("a language the flows do not have falls back to Spanish")
    void unsupportedLanguage() {
      assertThat(reply(send(Session.fresh("gn"), "hi"))).isEqualTo("Hola. Responde con tu PIN para seguir.");
    }

    @Test
    @DisplayName("choosing a language changes the session's language and goes back to the start")
    void setLanguage() {
      Session s = send(Session.fresh("es"), "idioma").session();
      Transition t = send(s, "3");
      assertThat(t.session().language()).isEqualTo("pt");
      assertThat(reply(t)).isEqualTo("Pronto.\nOlá. Responda com seu PIN para continuar.");
    }
  }
}
