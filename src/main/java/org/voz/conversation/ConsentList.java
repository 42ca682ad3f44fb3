package org.voz.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Renders {@code {consents}}: one short numbered line per consent, status words translated. */
final class ConsentList {

  private final Conversations conversations;

  ConsentList(Conversations conversations) {
    this.conversations = conversations;
  }

  String render(List<ConsentView> consents, String language) {
    if (consents.isEmpty()) {
      return conversations.systemText("consents_none", language);
    }
    String template = conversations.systemText("consent_line", language);
    return IntStream.range(0, consents.size())
        .mapToObj(i -> Text.fill(template, fields(i + 1, consents.get(i), language)))
        .collect(Collectors.joining("\n"));
  }

  private Map<String, String> fields(int n, ConsentView c, String language) {
    Map<String, String> fields = new HashMap<>();
    fields.put("n", String.valueOf(n));
    fields.put("data", orDash(c.data()));
    fields.put("recipient", orDash(c.recipient()));
    fields.put("purpose", orDash(c.purpose()));
    fields.put("until", orDash(c.until()));
    fields.put("status", c.status() == null ? "-" : conversations.statusWord(c.status(), language));
    return fields;
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }
}
