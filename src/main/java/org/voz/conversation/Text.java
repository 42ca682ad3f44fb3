package org.voz.conversation;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One text written in every language, with the line of each translation.
 *
 * @param name    what the text is, for reports (e.g. {@code menu}, {@code menu option 2})
 * @param values  language code to template, e.g. {@code es -> "Hola, {name}."}
 * @param sources language code to where that translation was written
 * @param source  where the text as a whole was written
 */
public record Text(String name, Map<String, String> values, Map<String, Source> sources, Source source) {

  private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*)}");

  public Text {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    values = Map.copyOf(values);
    sources = Map.copyOf(sources);
  }

  /** The template in {@code language}, else in {@code fallback}, else empty. */
  public String in(String language, String fallback) {
    String value = values.get(language);
    return value != null ? value : values.getOrDefault(fallback, "");
  }

  public Source sourceOf(String language) {
    return sources.getOrDefault(language, source);
  }

  /** Names of the {@code {variables}} the template uses in any language. */
  public Set<String> variables() {
    Set<String> names = new java.util.TreeSet<>();
    values.values().forEach(v -> {
      Matcher m = VARIABLE.matcher(v);
      while (m.find()) {
        names.add(m.group(1));
      }
    });
    return names;
  }

  /** Replaces every {@code {name}} by its value; an unknown name becomes empty. */
  public static String fill(String template, Map<String, String> vars) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
