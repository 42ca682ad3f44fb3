package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.conversation.ShippedConversations.hasError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voz.consent.ConsentView;
import org.voz.safety.RiskLevel;
import org.voz.safety.RiskPolicies;

@DisplayName("Youth variants: a simpler wording said to a minor once verified, checked by the validator like a language")
class YouthTextTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final PinCheck PIN = "4821"::equals;
  private final Conversations conversations = Conversations.load(Path.of("conversations"));
  private final Engine engine = new Engine(conversations, Engine.Options.DEFAULTS);

  @TempDir
  Path dir;

  private static SurvivorView view(boolean minor) {
    return SurvivorView.of("s1",
            List.of(new ConsentView("r1", "health-information", "clinic-salud-digna", "medical-care", "2027-03-31", "pending")))
            .withPolicy(RiskPolicies.DEFAULTS.of(minor ? RiskLevel.HIGH : RiskLevel.LOW))
            .withMinor(minor);
  }

  private List<String> replies(boolean minor, String language) {
    Transition hello = engine.step(Session.fresh(language), Inbound.text("hola", "sms"), T0, view(minor), PIN);
    Transition pin = engine.step(hello.session(), Inbound.text("4821", "sms"), T0, view(minor), PIN);
    return List.of(hello.replies().get(0).text(), pin.replies().get(0).text());
  }

  @Test
  @DisplayName("a minor reads the request in its youth wording after the PIN; the PIN prompt and an adult's texts are the usual")
  void said() {
    for (String language : conversations.languages()) {
      List<String> minor = replies(true, language);
      List<String> adult = replies(false, language);
      assertThat(minor.get(0)).as(language + ": before the PIN").isEqualTo(adult.get(0));
      String youth = conversations.step(new StepRef("requests", "ask")).text().values().get(language + Text.YOUTH);
      assertThat(youth).as(language + " has a youth wording of requests.ask").isNotNull();
      assertThat(minor.get(1)).as(language).startsWith(youth.substring(0, youth.indexOf('{')));
      assertThat(adult.get(1)).as(language).doesNotStartWith(youth.substring(0, youth.indexOf('{')));
    }
  }

  @Test
  @DisplayName("the shipped youth variants validate, each costed like a language")
  void validated() {
    ValidationReport report = Validator.validate(Path.of("conversations"));
    assertThat(report.errors()).isEmpty();
    assertThat(report.findings()).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).startsWith("requests.ask [es-youth] ").contains("segment"));
    assertThat(report.warnings()).extracting(Finding::message).noneSatisfy(m -> assertThat(m).contains("-youth]"));
  }

  /** The shipped conversations, with {@code from} replaced by {@code to} in {@code file}. */
  private ValidationReport shippedWith(String file, String from, String to) throws IOException {
    String text = ShippedConversations.copyInto(dir, file);
    assertThat(text).contains(from);
    Files.writeString(dir.resolve(file), text.replace(from, to));
    return Validator.validate(dir);
  }

  @Test
  @DisplayName("a youth variant with an unknown variable or left empty is an error; one of an unlisted language a warning")
  void broken() throws IOException {
    hasError(shippedWith("requests.yaml", "      en-youth: \"A question for you:", "      en-youth: \"{who} A question for you:"),
        "uses unknown variable {who}");
    hasError(shippedWith("requests.yaml", "      en-youth: \"A question for you: {recipient} would like to get {data} for {purpose}, until {until}. Is that OK?\"",
        "      en-youth: \" \""), "empty youth variant [en-youth] of requests.ask");
    ValidationReport unlisted = shippedWith("requests.yaml", "      en-youth:", "      de-youth:");
    assertThat(unlisted.warnings()).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("unlisted language [de-youth]"));
  }
}
