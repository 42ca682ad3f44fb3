package org.voz.web.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The console's texts, one bundle per language ({@code console/messages_<lang>.properties}, UTF-8), each text a
 * {@link MessageFormat} pattern (so an apostrophe is written twice). Every language has every key
 * ({@code ConsoleMessagesTest}); a key missing at run time shows as itself rather than failing a page.
 */
public final class ConsoleMessages {

  private final Map<String, Texts> byLanguage = new LinkedHashMap<>();

  public ConsoleMessages(List<String> languages) {
    for (String language : languages) {
      byLanguage.put(language, new Texts(language, load(language)));
    }
  }

  /** The texts of a language; the first language's when it has none. */
  public Texts in(String language) {
    Texts texts = byLanguage.get(language);
    return texts != null ? texts : byLanguage.values().iterator().next();
  }

  public Set<String> languages() {
    return byLanguage.keySet();
  }

  static Properties load(String language) {
    String path = "/console/messages_" + language + ".properties";
    try (InputStream in = ConsoleMessages.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no console texts " + path);
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One language's texts, as templates use them: {@code t.get("signIn.title")}, {@code t.get("signedInAs", name)}. */
  public static final class Texts {
    private final String language;
    private final Properties texts;

    Texts(String language, Properties texts) {
      this.language = language;
      this.texts = texts;
    }

    public String language() {
      return language;
    }

    public String get(String key, Object... args) {
      String pattern = texts.getProperty(key);
      return pattern == null ? key : new MessageFormat(pattern, Locale.forLanguageTag(language)).format(args);
    }

    /** Whether the bundle has the key (for texts chosen by data, such as an alert's type). */
    public boolean has(String key) {
      return texts.containsKey(key);
    }

    public Set<String> keys() {
      return new TreeSet<>(texts.stringPropertyNames());
    }
  }
}
