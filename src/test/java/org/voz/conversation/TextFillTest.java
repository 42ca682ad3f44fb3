package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine's scanning {@link Text#fill} and date parsing give exactly what the regex and the formatter gave. */
class TextFillTest {

  private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*)}");
  private static final Map<String, String> VARS = Map.of("name", "Ana $1 \\o/", "n", "3", "_x9", "{name}", "count", "");

  private static final List<String> TEMPLATES = List.of("", "plain", "{name}", "Hola, {name}.", "{{name}}", "{name",
      "name}", "{}", "{9x}", "{n}{n}{unknown}", "{ name}", "{na-me}", "a {_x9} b {n", "{é}", "{n}\n{count}:{name}}",
      "€ {n} 🙂 {name}", "{{{n}", "{N}", "}{n}{");

  @Test
  @DisplayName("fill replaces exactly what the regex replaced, unknown names by nothing, values taken literally")
  void fillAsTheRegex() {
    for (String template : TEMPLATES) {
      assertThat(Text.fill(template, VARS)).as(template).isEqualTo(regexFill(template, VARS));
      assertThat(Text.variablesOf(template)).as(template).containsExactlyElementsOf(regexNames(template));
    }
  }

  @Test
  @DisplayName("a yyyy-mm-dd date is read as LocalDate.parse reads it, and refused where it refuses")
  void isoDateAsTheFormatter() {
    for (String text : List.of("2027-06-30", "0000-01-01", "2024-02-29", "9999-12-31", "2027-01-09")) {
      assertThat(Conversations.isoDate(text)).isEqualTo(LocalDate.parse(text));
    }
    for (String text : List.of("2027-02-29", "2027-13-01", "2027-00-10", "2027-06-31", "2027-6-30", "27-06-30",
        "2027/06/30", "2027-06-3x", "+2027-06-30", "", "junio")) {
      assertThatThrownBy(() -> LocalDate.parse(text)).isInstanceOf(DateTimeParseException.class);
      assertThatThrownBy(() -> Conversations.isoDate(text)).as(text).isInstanceOf(DateTimeParseException.class);
    }
    assertThat(Conversations.isoDate("+12027-06-30")).isEqualTo(LocalDate.parse("+12027-06-30"));
  }

  private static String regexFill(String template, Map<String, String> vars) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> regexNames(String template) {
    Matcher m = VARIABLE.matcher(template);
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return List.copyOf(names);
  }
}
