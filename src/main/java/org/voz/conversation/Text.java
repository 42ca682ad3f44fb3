package org.voz.conversation;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One text written in every language, with the line of each translation.
 *
 * @param name    what the text is, for reports (e.g. {@code menu}, {@code menu option 2})
 * @param values  language code to template, e.g. {@code es -> "Hola, {name}."}
 * @param sources language code to where that translation was written
 * @param source  where the text as a whole was written
 */
public record Text(String name, Map<String, String> values, Map<String, Source> sources, Source source) {

  /**
   * The suffix of a text's simpler wording for a minor, written beside a language ({@code es-youth: "…"}) where the
   * flow's author wrote one; checked by the validator like a language (variables, SMS cost).
   */
  public static final String YOUTH = "-youth";

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

  /** As {@link #in(String, String)}, the {@code youth} variant of {@code language} first when asked for and written. */
  public String in(String language, String fallback, boolean youth) {
    String variant = youth ? values.get(language + YOUTH) : null;
    return variant != null ? variant : in(language, fallback);
  }

  public Source sourceOf(String language) {
    return sources.getOrDefault(language, source);
  }

  /** Names of the {@code {variables}} the template uses in any language. */
  public Set<String> variables() {
    Set<String> names = new java.util.TreeSet<>();
    values.values().forEach(v -> names.addAll(variablesOf(v)));
    return names;
  }

  /** Names of the {@code {variables}} one template uses, in order of first use. */
  static Set<String> variablesOf(String template) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
      int end = nameEnd(template, i);
      if (end > 0) {
        names.add(template.substring(i + 1, end));
        i = end;
      }
    }
    return names;
  }

  /**
   * Replaces every {@code {name}} by its value; an unknown name becomes empty. A scan rather than a regex
   * replacement: the engine fills several templates per reply.
   */
  public static String fill(String template, Map<String, String> vars) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
      int end = nameEnd(template, i);
      if (end > 0) {
        if (out == null) {
          out = new StringBuilder(template.length() + 64);
        }
        String value = Objects.requireNonNull(vars.getOrDefault(template.substring(i + 1, end), ""));
        out.append(template, copied, i).append(value);
        copied = end + 1;
        i = end;
      }
    }
    return out == null ? template : out.append(template, copied, template.length()).toString();
  }

  /**
   * Where the variable name that opens at {@code open} (a '{') ends: the index of its '}', or -1 when no
   * name ({@code [a-zA-Z_][a-zA-Z0-9_]*}) and '}' follow.
   */
  private static int nameEnd(String template, int open) {
    int i = open + 1;
    if (i >= template.length() || !nameStart(template.charAt(i))) {
      return -1;
    }
    do {
      i++;
    } while (i < template.length() && (nameStart(template.charAt(i)) || (template.charAt(i) >= '0' && template.charAt(i) <= '9')));
    return i < template.length() && template.charAt(i) == '}' ? i : -1;
  }

  private static boolean nameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
}
