package org.voz.feedback;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Safeguarding terms per language: a free-text answer that contains one (accent- and case-insensitive, at
 * the start of a word, so a stem such as {@code amenaz} catches amenaza, amenazó, amenazaron), or a choice of
 * the {@link #COMPLAINT} option, must go to the safeguarding lead and not into a coordinator's report.
 * The survivor's language is checked first, then every other language's terms too: people mix languages
 * (an English word in a Spanish answer), and a false alarm costs the safeguarding lead a minute where a miss
 * costs far more.
 */
public final class Safeguarding {

  /** The option code of "I want to make a complaint". */
  public static final String COMPLAINT = "complaint";

  private final Map<String, List<String>> terms = new TreeMap<>();

  public Safeguarding(Map<String, List<String>> termsByLanguage) {
    termsByLanguage.forEach((language, list) -> terms.put(language.toLowerCase(Locale.ROOT),
        list.stream().map(Safeguarding::normalize).filter(t -> !t.isBlank()).toList()));
  }

  /** The built-in terms (abuse, threats, violence, fear, staff crossing boundaries) in es, en, pt, fr and ht. */
  public static Safeguarding defaults() {
    return new Safeguarding(Map.of(
        "es", List.of("abus", "acoso", "acosa", "acosad", "amenaz", "golpe", "me pega", "maltrat", "viola", "violenc", "me toco",
            "me obligo", "me obligaron", "me pidio dinero", "me pidio sexo", "salir conmigo", "me lastim",
            "miedo", "peligro", "me sigue", "queja", "denunci"),
        "en", List.of("abus", "threat", "harass", "assault", "rape", "hit me", "hurt me", "touched me",
            "asked me out", "asked for money", "asked me for money", "asked for sex", "forced", "afraid", "scared",
            "unsafe", "danger", "followed me", "complain"),
        "pt", List.of("abus", "ameac", "assedi", "bateu", "me bater", "maltrat", "estupr", "violenc", "me tocou",
            "me obrig", "pediu dinheiro", "pediu sexo", "medo", "perigo", "me seguiu", "me segue", "reclama", "denunci"),
        "fr", List.of("abus", "menac", "harcel", "frapp", "viol", "agress", "m a touche", "m a force",
            "demande de l argent", "demande du sexe", "peur", "danger", "me suit", "plainte"),
        "ht", List.of("abize", "menase", "menas", "frape", "vyole", "arasman", "fose m", "mande m lajan", "danje", "fe plent", "pote plent")));
  }

  public boolean needsEscalation(String text, String language) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String haystack = " " + normalize(text) + " ";
    List<String> own = language == null ? List.of() : terms.getOrDefault(language.toLowerCase(Locale.ROOT), List.of());
    return own.stream().anyMatch(term -> haystack.contains(" " + term))
        || terms.values().stream().flatMap(List::stream).anyMatch(term -> haystack.contains(" " + term));
  }

  /** An answer escalates when it picks {@link #COMPLAINT} or its text needs escalation in its language. */
  public boolean escalates(Answer answer) {
    return answer.values().contains(COMPLAINT) || needsEscalation(answer.text(), answer.profile().language());
  }

  /** Lower case, accents removed, anything but letters and digits turned into single spaces. */
  static String normalize(String s) {
    String stripped = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return stripped.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
