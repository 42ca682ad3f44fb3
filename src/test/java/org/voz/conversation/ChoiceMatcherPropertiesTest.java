package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The choice matcher over every choice step of the shipped conversations, in every language. */
@Label("ChoiceMatcher properties")
class ChoiceMatcherPropertiesTest {

  private static final List<String> FLOWS =
      List.of("main", "consents", "files", "language", "requests", "revoke", "survey-exit");

  private static List<String> languages;
  /** Every step of the shipped flows with options. */
  private static List<Step> choiceSteps;

  @BeforeContainer
  static void load() {
    Conversations conversations = Conversations.load(Path.of("conversations"));
    languages = conversations.languages();
    choiceSteps = new ArrayList<>();
    for (String id : FLOWS) {
      Flow flow = conversations.flow(id);
      assertThat(flow).as(id).isNotNull();
      flow.steps().values().stream().filter(s -> !Step.optionsOf(s).isEmpty()).forEach(choiceSteps::add);
    }
    assertThat(choiceSteps).hasSizeGreaterThan(10);
  }

  @Provide
  Arbitrary<Step> step() {
    return Arbitraries.of(choiceSteps);
  }

  @Provide
  Arbitrary<String> language() {
    return Arbitraries.of(languages);
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.oneOf(Inputs.anyUtf16(100), Inputs.scripts(100), Inputs.digits(), Inputs.mangled(Inputs.ANSWERS),
        Inputs.emoji(), Arbitraries.of("", " ", "0", "000", "-1", "1e3", "1.5", "99999999999999999999", "١"));
  }

  @Property(tries = 2000)
  @Label("never throws, and what it selects is one of the step's options")
  void total(@ForAll("step") Step step, @ForAll("anything") String raw, @ForAll("language") String language) {
    Optional<Option> chosen = ChoiceMatcher.match(Step.optionsOf(step), raw, language);
    assertThat(chosen).isNotNull();
    chosen.ifPresent(o -> assertThat(Step.optionsOf(step)).contains(o));
  }

  @Property(tries = 1000)
  @Label("the number i (padded, punctuated or full-width) selects option i; 0 and numbers past the last select nothing")
  void byNumber(@ForAll("step") Step step, @ForAll("language") String language, @ForAll long seed,
      @ForAll("numberForm") int form) {
    int n = Step.optionsOf(step).size();
    java.util.Random random = new java.util.Random(seed);
    int i = 1 + random.nextInt(n);
    assertThat(ChoiceMatcher.match(Step.optionsOf(step), typed(i, form), language)).as("%d as %s", i, typed(i, form))
        .contains(Step.optionsOf(step).get(i - 1));
    int beyond = n + 1 + random.nextInt(998 - n);
    assertThat(ChoiceMatcher.match(Step.optionsOf(step), typed(beyond, form), language)).isEmpty();
    assertThat(ChoiceMatcher.match(Step.optionsOf(step), typed(0, form), language)).isEmpty();
  }

  @Provide
  Arbitrary<Integer> numberForm() {
    return Arbitraries.integers().between(0, 5);
  }

  private static String typed(int number, int form) {
    String digits = String.valueOf(number);
    return switch (form) {
      case 0 -> digits;
      case 1 -> " " + digits + " ";
      case 2 -> digits + ".";
      case 3 -> "#" + digits;
      case 4 -> digits.chars().collect(StringBuilder::new, (b, c) -> b.append((char) ('\uFF10' + c - '0')),
          StringBuilder::append).toString();
      default -> "(" + digits + ")!";
    };
  }

  @Property(tries = 1000)
  @Label("an option's label selects it in any case, with or without accents, padding or punctuation")
  void byLabel(@ForAll("step") Step step, @ForAll("language") String language, @ForAll long seed,
      @ForAll("pad") String pad) {
    int i = new java.util.Random(seed).nextInt(Step.optionsOf(step).size());
    Option option = Step.optionsOf(step).get(i);
    String label = option.label().in(language, "");
    Assume.that(!Normalizer.word(label).isEmpty() && !Normalizer.word(label).chars().allMatch(c -> c >= '0' && c <= '9'));
    String typed = pad + Inputs.mangle(label, seed) + pad;
    assertThat(ChoiceMatcher.match(Step.optionsOf(step), typed, language)).as("%s/%s: %s as %s", step.id(), language, label, typed)
        .contains(option);
    String unaccented = java.text.Normalizer.normalize(label, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    assertThat(ChoiceMatcher.match(Step.optionsOf(step), unaccented.toUpperCase(java.util.Locale.ROOT), language)).contains(option);
  }

  @Property(tries = 1000)
  @Label("each of an option's words selects it in any case")
  void byWord(@ForAll("step") Step step, @ForAll("language") String language, @ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    Option option = Step.optionsOf(step).get(random.nextInt(Step.optionsOf(step).size()));
    List<String> words = option.words().getOrDefault(language, List.of());
    Assume.that(!words.isEmpty());
    String word = words.get(random.nextInt(words.size()));
    Assume.that(!Normalizer.word(word).chars().allMatch(c -> c >= '0' && c <= '9'));
    assertThat(ChoiceMatcher.match(Step.optionsOf(step), Inputs.mangle(word, seed), language)).as("%s/%s: %s", step.id(), language, word)
        .contains(option);
  }

  @Provide
  Arbitrary<String> pad() {
    return Arbitraries.of("", " ", "  ", "\t", ".", "!", "¡", "\u200B", "\u00A0");
  }
}
