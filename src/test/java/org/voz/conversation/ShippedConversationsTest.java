package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("The conversations shipped in conversations/")
class ShippedConversationsTest {

  private static final Path DIR = Path.of("conversations");

  @Test
  @DisplayName("validate without errors or warnings")
  void validateCleanly() {
    ValidationReport report = Validator.validate(DIR);
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  @DisplayName("report the segment count and encoding of every text in every language")
  void reportSegments() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Validator.run(DIR, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertThat(code).isZero();
    assertThat(out).contains("main.yaml:", "main.menu [pt]", "segment", "UCS-2", "GSM-7", "0 error(s)");
  }

  @Test
  @DisplayName("load with four languages, Spanish first")
  void loadLanguages() {
    Conversations conversations = Conversations.load(DIR);
    assertThat(conversations.languages()).containsExactly("es", "en", "pt", "fr", "ht");
    assertThat(conversations.defaultLanguage()).isEqualTo("es");
    assertThat(conversations.flowVersion("main")).isEqualTo("4");
  }

  // "Mis permisos" reads as a work or residence permit to a migrant (issue 18): what a survivor is
  // shown speaks of sharing their information. Typed words (lists) may still accept the old ones.
  private static final Pattern PERMIT =
      Pattern.compile("permis|p[eè]misyon|autorisation|autoriza[çc][ãa]o|autoriza[çc][õo]es", Pattern.CASE_INSENSITIVE);
  private static final Pattern LANGUAGE = Pattern.compile("(es|en|pt|fr|ht)(-[a-z]+)?");

  @Test
  @DisplayName("never speak of permits or permissions to a survivor, in any language")
  void noPermitWording() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader reader = Files.newBufferedReader(file)) {
          collect(file.getFileName() + "", new Yaml().load(reader), found);
        }
      }
    }
    assertThat(found).as("texts a survivor reads").isNotEmpty().noneMatch(t -> PERMIT.matcher(t).find());
  }

  private static void collect(String where, Object node, List<String> found) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        if (value instanceof String text && LANGUAGE.matcher(String.valueOf(key)).matches()) {
          found.add(where + " " + key + ": " + text);
        } else {
          collect(where, value, found);
        }
      });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collect(where, item, found));
    }
  }
}
