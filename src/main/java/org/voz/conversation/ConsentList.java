package org.voz.conversation;

import org.voz.consent.ConsentView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Renders {@code {consents}}: a page of at most {@link #PAGE_SIZE} short numbered lines (what
 * information, which organisation, what for, until when, status) in plain words, and when there are
 * more, "1-3 of 7, reply MORE for more". Numbers run on across pages (4, 5, 6 on the second). The
 * engine shows fewer than {@link #PAGE_SIZE} on a page when three would not fit the SMS budget (long
 * labels, a language that needs UCS-2): see {@link StepWalker}.
 */
final class ConsentList {

  static final int PAGE_SIZE = 3;
  /** The variables of one consent ({@link #fields(ConsentView, String)}). */
  static final java.util.Set<String> FIELDS = java.util.Set.of("data", "recipient", "purpose", "until", "status");

  private final Conversations conversations;

  ConsentList(Conversations conversations) {
    this.conversations = conversations;
  }

  /** Every one of {@code consents}, without paging: {@code {consents}} outside a consent_pick step. */
  String renderAll(List<ConsentView> consents, String language) {
    if (consents.isEmpty()) {
      return conversations.systemText("consents_none", language);
    }
    String template = conversations.systemText("consent_line", language);
    return IntStream.range(0, consents.size())
        .mapToObj(i -> capitalised(Text.fill(template, fields(i + 1, consents.get(i), language))))
        .collect(Collectors.joining("\n"));
  }

  /**
   * The page of at most {@code pageSize} of {@code consents} that starts at {@code offset} (0 when out
   * of range), with the "1-3 of 7" line when the page does not hold them all.
   */
  String render(List<ConsentView> consents, int offset, int pageSize, String language) {
    if (consents.isEmpty()) {
      return conversations.systemText("consents_none", language);
    }
    int from = pageStart(offset, consents.size());
    int to = Math.min(from + Math.max(1, pageSize), consents.size());
    String template = conversations.systemText("consent_line", language);
    String lines = IntStream.range(from, to)
        .mapToObj(i -> capitalised(Text.fill(template, fields(i + 1, consents.get(i), language))))
        .collect(Collectors.joining("\n"));
    if (from == 0 && to == consents.size()) {
      return lines;
    }
    String range = from + 1 == to ? String.valueOf(to) : (from + 1) + "-" + to;
    String footer = Text.fill(conversations.systemText(to < consents.size() ? "consents_more" : "consents_last", language),
        Map.of("range", range, "total", String.valueOf(consents.size())));
    return footer.isEmpty() ? lines : lines + "\n" + footer;
  }

  /** Where the page {@code offset} asks for starts: {@code offset}, or 0 when it is out of range. */
  static int pageStart(int offset, int size) {
    return offset < 0 || offset >= size ? 0 : offset;
  }

  /** The first item of the page after the one at {@code offset} that showed {@code shown} items; 0 after the last. */
  static int nextPage(int offset, int shown, int size) {
    int next = pageStart(offset, size) + Math.max(1, shown);
    return next >= size ? 0 : next;
  }

  /** The line with its first letter in upper case ("1. el albergue: …" becomes "1. El albergue: …"). */
  static String capitalised(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (Character.isLetter(line.charAt(i))) {
        return line.substring(0, i) + Character.toUpperCase(line.charAt(i)) + line.substring(i + 1);
      }
    }
    return line;
  }

  /** The line's variables; without {@code n}, the variables of one selected consent. */
  Map<String, String> fields(int n, ConsentView c, String language) {
    Map<String, String> fields = fields(c, language);
    fields.put("n", String.valueOf(n));
    return fields;
  }

  Map<String, String> fields(ConsentView c, String language) {
    Map<String, String> fields = new HashMap<>();
    fields.put("data", conversations.label("data", c.data(), language));
    fields.put("recipient", conversations.label("recipient", c.recipient(), language));
    fields.put("purpose", conversations.label("purpose", c.purpose(), language));
    fields.put("until", conversations.date(c.until(), language));
    fields.put("status", c.status() == null ? "-" : conversations.statusWord(c.status(), language));
    return fields;
  }
}
