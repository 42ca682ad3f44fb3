package org.voz.conversation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Long sample values of the engine's variables per language, for counting what a text really costs:
 * the longest label of each kind, the longest month and status word, a full page of consents with
 * its "more" line.
 */
final class Samples {

  /** A code without a label is shown as is: assume one this long. */
  static final String UNLABELLED = "x".repeat(24);

  private Samples() {}

  static Map<String, Map<String, String>> of(SystemTexts system) {
    Map<String, Map<String, String>> all = new HashMap<>();
    for (String language : system.languages()) {
      all.put(language, of(system, language));
    }
    return all;
  }

  static Map<String, String> of(SystemTexts system, String language) {
    Map<String, String> one = new HashMap<>();
    for (String kind : SystemTexts.LABEL_KINDS) {
      one.put(kind, longest(system.labels().getOrDefault(kind, Map.of()).values().stream()
          .map(t -> t.in(language, "")).toList(), UNLABELLED));
    }
    one.put("status", longest(system.statuses().values().stream().map(t -> t.in(language, "")).toList(), "pending"));
    String month = longest(system.months().getOrDefault(language, List.of()), "09");
    Text date = system.text("date");
    one.put("until", date == null ? "2027-09-30"
        : Text.fill(date.in(language, ""), Map.of("day", "30", "month", month, "year", "2027")));
    one.put("receipt", "K7P2QX");
    one.put("count", "12");
    one.put("consents", page(system, one, language, ConsentList.PAGE_SIZE));
    one.put("reference", "R-K7P2QX");
    one.put("due", one.get("until"));
    one.put("requests", requests(system, one, language));
    return one;
  }

  /** A page of {@code size} consents with the longest labels, from number 10 on, and its "more" line. */
  static String page(SystemTexts system, Map<String, String> samples, String language, int size) {
    Text line = system.text("consent_line");
    Text more = system.text("consents_more");
    if (line == null) {
      return "";
    }
    String lines = IntStream.range(10, 10 + size)
        .mapToObj(n -> {
          Map<String, String> vars = new HashMap<>(samples);
          vars.put("n", String.valueOf(n));
          return Text.fill(line.in(language, ""), vars);
        })
        .collect(Collectors.joining("\n"));
    String range = size == 1 ? "10" : "10-" + (9 + size);
    String footer = more == null ? "" : Text.fill(more.in(language, ""), Map.of("range", range, "total", "20"));
    return footer.isEmpty() ? lines : lines + "\n" + footer;
  }

  /** {@code {requests}}: as many lines as the engine shows, with the longest kind and status labels. */
  static String requests(SystemTexts system, Map<String, String> samples, String language) {
    Text line = system.text("request_line");
    if (line == null) {
      return "";
    }
    Map<String, String> vars = new HashMap<>(samples);
    vars.put("kind", samples.get("request_kind"));
    vars.put("status", samples.get("request_status"));
    Text due = system.text("request_due");
    String one = Text.fill(line.in(language, ""), vars) + (due == null ? "" : " " + Text.fill(due.in(language, ""), vars));
    return String.join("\n", java.util.Collections.nCopies(RequestActions.SHOWN, one));
  }

  private static String longest(List<String> values, String fallback) {
    return values.stream().max(Comparator.comparingInt(String::length)).filter(s -> !s.isEmpty()).orElse(fallback);
  }
}
