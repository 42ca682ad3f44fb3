package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.consent.ConsentView;

/** A consent's organisation and purpose reach the survivor as their labels in the catalogue, never as the code. */
@DisplayName("A consent request names its recipient and purpose by their labels in the survivor's language")
class ConsentLabelsEngineTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final PinCheck PIN = "4821"::equals;
  private final Conversations conversations = Conversations.load(Path.of("conversations"));

  /** What the survivor reads from their first message to the request opened after the PIN. */
  private List<String> read(String language) {
    SurvivorView view = SurvivorView.of("s1", List.of(new ConsentView("r1", "health-information",
        "clinic-salud-digna", "medical-care", "2027-03-31", "pending")));
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);
    List<String> texts = new ArrayList<>();
    Session s = Session.fresh(language);
    for (String said : List.of("hola", "4821")) {
      Transition t = engine.step(s, Inbound.text(said, "sms"), T0, view, PIN);
      t.effects().stream().filter(Effect.Reply.class::isInstance).map(e -> ((Effect.Reply) e).text()).forEach(texts::add);
      s = t.session();
    }
    return texts;
  }

  @Test
  @DisplayName("in es, en, pt, fr and ht: the clinic and the purpose in words, no slug")
  void labelsNotSlugs() {
    Map<String, List<String>> expected = Map.of(
        "es", List.of("Salud Digna", "cuidar tu salud"),
        "en", List.of("Salud Digna", "medical care"),
        "pt", List.of("Salud Digna", "cuidar da sua saúde"),
        "fr", List.of("Salud Digna", "des soins médicaux"),
        "ht", List.of("Salud Digna", "swen medikal"));
    expected.forEach((language, words) -> {
      String all = String.join("\n", read(language));
      assertThat(all).as(language).contains(words).doesNotContain("clinic-salud-digna").doesNotContain("medical-care")
          .doesNotContain("health-information");
    });
  }
}
