package org.voz.conversation;

import java.util.Map;

/**
 * The co-design invitation at the end of a survey: opting in adds a consent item (what, with whom, what for)
 * granted by the survivor, and the flow's text shows the compensation offered ({@code {compensation}}, per
 * language, from configuration) and how long the co-design team may contact them ({@code {codesign_months}}, the
 * opt-in's term in months).
 */
public record CodesignOffer(String data, String recipient, String purpose, Map<String, String> compensation,
    int months) {

  public static final CodesignOffer DEFAULT = new CodesignOffer("contact-details", "co-design-team", "co-design", Map.of(), 12);

  public CodesignOffer {
    compensation = compensation == null ? Map.of() : Map.copyOf(compensation);
    if (months < 1) {
      throw new IllegalArgumentException("the co-design opt-in runs at least a month");
    }
  }

  /** The same offer with the compensation configured (per language). */
  public CodesignOffer withCompensation(Map<String, String> compensation) {
    return new CodesignOffer(data, recipient, purpose, compensation, months);
  }

  /** The same offer running {@code days} days (the opt-in consent's term), said in whole months (at least one). */
  public CodesignOffer withTermDays(long days) {
    return new CodesignOffer(data, recipient, purpose, compensation, (int) Math.max(1, Math.round(days / 30.44)));
  }

  /** The compensation in {@code language}, else in {@code fallback}, else empty. */
  public String compensation(String language, String fallback) {
    return compensation.getOrDefault(language, compensation.getOrDefault(fallback, ""));
  }
}
