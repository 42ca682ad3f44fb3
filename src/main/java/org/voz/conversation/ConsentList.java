package org.voz.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Renders {@code {consents}}: a page of at most {@link #PAGE_SIZE} short numbered lines (what
 * information, which organisation, what for, until when, status) in plain words, and when there are
 * more, "1-3 of 7, reply MORE for more". Numbers run on across pages (4, 5, 6 on the second).
 */
final class ConsentList {

  static final int PAGE_SIZE = 3;

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
        .mapToObj(i -> Text.fill(template, fields(i + 1, consents.get(i), language)))
        .collect(Collectors.joining("\n"));
  }

  /** The page of {@code consents} that starts at {@code offset} (0 when out of range). */
  String render(List<ConsentView> consents, int offset, String language) {
    if (consents.isEmpty()) {
      return conversations.systemText("consents_none", language);
    }
    int from = pageStart(offset, consents.size());
    int to = Math.min(from + PAGE_SIZE, consents.size());
    String template = conversations.systemText("consent_line", language);
    String lines = IntStream.range(from, to)
        .mapToObj(i -> Text.fill(template, fields(i + 1, consents.get(i), language)))
        .collect(Collectors.joining("\n"));
    if (consents.size() <= PAGE_SIZE) {
      return lines;
    }
    String range = from + 1 == to ? String.valueOf(to) : (from + 1) + "-" + to;
    String footer = Text.fill(conversations.systemText(to < consents.size() ? "consents_more" : "consents_last", language),
        Map.of("range", range, "total", String.valueOf(consents.size())));
    return footer.isEmpty() ? lines : lines + "\n" + footer;
  }

  /** The first item of the page {@code offset} asks for: 0 when out of range, else a multiple of the page size. */
  static int pageStart(int offset, int size) {
    return offset < 0 || offset >= size ? 0 : offset - offset % PAGE_SIZE;
  }

  /** The first item of the page after the one at {@code offset}; back to 0 after the last page. */
  static int nextPage(int offset, int size) {
    int next = pageStart(offset, size) + PAGE_SIZE;
    return next >= size ? 0 : next;
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
