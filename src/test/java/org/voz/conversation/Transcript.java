package org.voz.conversation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * One conversation of conversations/tests/, written turn by turn.
 *
 * <pre>
 * name: what it shows
 * survivor: {language: es, pin: "4821", consents: [{id: c1, data: …, status: granted}]}
 * turns:
 *   - send: "4821"
 *     after: 16m          # optional: advance the clock first (default 30s)
 *     expect: |           # the whole reply; or silent: true for no reply
 *       ...
 *     choices: [...]      # optional: the buttons of the reply
 *     alerts: [pin.locked]  # optional: the alerts raised (default none)
 * </pre>
 */
record Transcript(String file, String name, String language, String pin, List<ConsentView> consents, List<Turn> turns) {

  record Turn(int number, String send, boolean media, Duration after, String expect, List<String> choices, List<String> alerts) {}

  static Transcript read(Path path) throws IOException {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Map<String, Object> root = new Yaml().load(reader);
      Map<String, Object> survivor = map(root.get("survivor"));
      List<ConsentView> consents = new ArrayList<>();
      for (Object c : list(survivor.get("consents"))) {
        Map<String, Object> m = map(c);
        consents.add(new ConsentView(str(m.get("id")), str(m.get("data")), str(m.get("recipient")),
            str(m.get("purpose")), str(m.get("until")), str(m.get("status"))));
      }
      List<Turn> turns = new ArrayList<>();
      for (Object t : list(root.get("turns"))) {
        turns.add(turn(turns.size() + 1, map(t)));
      }
      return new Transcript(path.getFileName().toString(), str(root.get("name")), str(survivor.get("language")),
          str(survivor.get("pin")), consents, turns);
    }
  }

  private static Turn turn(int number, Map<String, Object> t) {
    Object expect = t.get("expect");
    boolean silent = Boolean.TRUE.equals(t.get("silent")) || expect instanceof List<?> l && l.isEmpty();
    String expected = silent || expect == null ? null : str(expect).replaceAll("\\n+$", "");
    List<String> choices = t.containsKey("choices") ? list(t.get("choices")).stream().map(Transcript::str).toList() : null;
    List<String> alerts = list(t.get("alerts")).stream().map(Transcript::str).toList();
    return new Turn(number, str(t.get("send")), Boolean.TRUE.equals(t.get("media")),
        duration(t.get("after")), expected, choices, alerts);
  }

  static Duration duration(Object value) {
    if (value == null) {
      return Duration.ofSeconds(30);
    }
    String text = str(value).trim().toLowerCase(Locale.ROOT);
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("after: " + value + " (use 30s, 16m, 2h, 1d)");
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
