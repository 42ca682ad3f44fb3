package org.voz.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a flow.
 *
 * @param type      what the step does (see {@link Type})
 * @param text      its prompt or message, in every language
 * @param next      where it goes on ({@code step}, {@code flow}, {@code flow.step}); null for choice and end
 * @param options   the numbered options of a choice step
 * @param save      the variable an input step saves the answer into
 * @param maxLength the longest answer an input step accepts
 * @param pattern   a regular expression the whole answer must match, or null
 * @param requiresPin whether it may only be shown or answered once the PIN is verified (its own
 *                  {@code requires_pin:} or its flow's)
 * @param actions   what answering an input step does besides saving (e.g. {@code record_reason})
 * @param skip      words per language that skip an input step without saving anything
 * @param skipped   where a skipped input step goes on (default: {@code next})
 * @param statuses  consent statuses a {@code consent_pick} lists ({@code list:}) or a {@code consent_check}
 *                  looks for ({@code status:}); empty means every status
 * @param pick      for {@code consent_pick}: status of the picked item to where it leads
 * @param otherwise for {@code consent_pick}: where to go when nothing is listed ({@code empty:}); for
 *                  {@code consent_check}: where to go when nothing is found ({@code none:})
 */
public record Step(
    String id, Type type, Text text, String next, List<Option> options,
    String save, int maxLength, Pattern pattern, boolean requiresPin, Source source,
    List<Action> actions, Map<String, List<String>> skip, String skipped,
    List<String> statuses, Map<String, String> pick, String otherwise) {

  public enum Type {
    PIN, CHOICE, INPUT, MESSAGE, END,
    /** Lists the survivor's consents a page at a time and waits for the number of one (or MORE). */
    CONSENT_PICK,
    /** Selects the first consent in a status (e.g. a pending request) and goes on; no text, no wait. */
    CONSENT_CHECK,
    /** Survey questions (see {@code SurveySteps}): every one waits, and every one can be skipped with 0. */
    RATING, SINGLE_CHOICE, MULTIPLE_CHOICE, YES_NO, FREE_TEXT,
    /** Selects the survivor's first open survey invitation and goes on; no text, no wait. */
    SURVEY_CHECK,
    /** A message that marks the survey complete (the survivor answered or skipped every question). */
    SURVEY_DONE;

    /** Whether the step waits for the survivor's answer. */
    public boolean waits() {
      return this == PIN || this == CHOICE || this == INPUT || this == CONSENT_PICK || question();
    }

    /** Whether the step is a survey question. */
    public boolean question() {
      return this == RATING || this == SINGLE_CHOICE || this == MULTIPLE_CHOICE || this == YES_NO || this == FREE_TEXT;
    }
  }

  /** A step without consent handling, actions or skip words. */
  public Step(String id, Type type, Text text, String next, List<Option> options,
      String save, int maxLength, Pattern pattern, boolean requiresPin, Source source) {
    this(id, type, text, next, options, save, maxLength, pattern, requiresPin, source,
        List.of(), Map.of(), null, List.of(), Map.of(), null);
  }

  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
    actions = actions == null ? List.of() : List.copyOf(actions);
    skip = skip == null ? Map.of() : Map.copyOf(skip);
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    pick = pick == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pick));
  }

  /** Every {@code next:}-like target of the step and its options (nulls left out). */
  public List<String> targets() {
    List<String> all = new ArrayList<>();
    all.add(next);
    all.add(skipped);
    all.add(otherwise);
    all.addAll(pick.values());
    options.forEach(o -> all.add(o.next()));
    all.removeIf(Objects::isNull);
    return all;
  }
}
