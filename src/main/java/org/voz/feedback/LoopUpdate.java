package org.voz.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's "what we changed" message, one text per language. The phone gets only the neutral nudge; the text is
 * read in the conversation, after the PIN: at most {@value #MAX_SEGMENTS} SMS segments each (the budget of every
 * conversation text), and neither a link nor a phone number (what a phishing text carries) unless an admin allowed
 * them. Its {@link #id} is a hash of the campaign and the texts, so the same update posted twice is known as one.
 */
public record LoopUpdate(String campaignId, Map<String, String> texts) {

  /**
   * The most SMS segments one text may take: 459 characters of plain GSM-7 text, 201 once it holds a character
   * outside it (á, í, ó, ú, ã, õ, an emoji). Said after the PIN, as one part of a reply at most.
   */
  public static final int MAX_SEGMENTS = 3;

  /** {@code http://x}, {@code www.x}, or a domain name ({@code ayuda.gt/form}, {@code bit.ly}, an e-mail's). */
  private static final Pattern LINK = Pattern.compile(
      "(?i)(?:[a-z][a-z0-9+.-]*://|www\\.)\\S+|\\b[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
          + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*\\.\\p{L}{2,24}\\b");
  /** Seven digits or more, with the separators numbers are written with (spaces, dashes, dots, parentheses). */
  private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d(?:[\\s.()\\-]{0,3}\\d){6,}");
  /** Dates and times, which look like numbers: 2026-12-01, 01/12/2026, 1.12.26, 08:00. */
  private static final Pattern DATE_OR_TIME = Pattern.compile(
      "\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b|\\b\\d{1,2}[/.\\-]\\d{1,2}[/.\\-]\\d{2,4}\\b|\\b\\d{1,2}:\\d{2}\\b");

  public LoopUpdate {
    if (campaignId == null || campaignId.isBlank()) {
      throw new IllegalArgumentException("an update belongs to a campaign");
    }
    texts = texts == null ? Map.of() : Map.copyOf(texts);
  }

  /** What is wrong with one language's text. */
  public record Problem(String language, String message) {}

  /**
   * The first text at fault, in language order; empty when every text may go.
   *
   * @param linksAllowed an admin allowed links and phone numbers in this update
   * @param segments     the SMS segments a text takes
   */
  public Optional<Problem> problem(boolean linksAllowed, ToIntFunction<String> segments) {
    if (texts.isEmpty()) {
      return Optional.of(new Problem(null, "a text in one language at least"));
    }
    for (Map.Entry<String, String> e : new TreeMap<>(texts).entrySet()) {
      String text = e.getValue() == null ? "" : e.getValue();
      if (text.isBlank() || segments.applyAsInt(text) > MAX_SEGMENTS) {
        return Optional.of(new Problem(e.getKey(), "each text is at most " + MAX_SEGMENTS
            + " SMS segments (459 plain characters, 201 with an accented letter such as á), not empty"));
      }
      if (!linksAllowed && (hasLink(text) || hasPhoneNumber(text))) {
        return Optional.of(new Problem(e.getKey(),
            "no link or phone number (what a phishing text carries; an admin may allow them)"));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code text} holds a URL or a domain name, fullwidth or other look-alike dots included. */
  public static boolean hasLink(String text) {
    return LINK.matcher(fold(text)).find();
  }

  /** Whether {@code text} holds seven digits or more written as one number (dates and times are not numbers). */
  public static boolean hasPhoneNumber(String text) {
    Matcher dates = DATE_OR_TIME.matcher(fold(text));
    return PHONE.matcher(dates.replaceAll(" ")).find();
  }

  /** The update's identity: the same campaign and the same texts (whatever their order) give the same id. */
  public String id() {
    StringBuilder canonical = new StringBuilder(campaignId);
    new TreeMap<>(texts).forEach((language, text) -> canonical.append('\n').append(language).append('\t').append(text));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Compatibility forms (fullwidth letters, digits and dots) as their plain ones, so they cannot hide a link. */
  private static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u3002', '.').replace('\uFF61', '.');
  }
}
