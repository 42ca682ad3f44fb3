package org.voz.conversation;

import java.util.Map;

/**
 * The co-design invitation at the end of a survey: opting in adds a consent item (what, with whom, what for)
 * granted by the survivor, and the flow's text shows the compensation offered ({@code {compensation}}, per
 * language, from configuration).
 */
public record CodesignOffer(String data, String recipient, String purpose, Map<String, String> compensation) {

  public static final CodesignOffer DEFAULT = new CodesignOffer("contact-details", "co-design-team", "co-design", Map.of());

  public CodesignOffer {
    compensation = compensation == null ? Map.of() : Map.copyOf(compensation);
  }

  /** The same offer with the compensation configured (per language). */
  public CodesignOffer withCompensation(Map<String, String> compensation) {
    return new CodesignOffer(data, recipient, purpose, compensation);
  }

  /** The compensation in {@code language}, else in {@code fallback}, else empty. */
  public String compensation(String language, String fallback) {
    return compensation.getOrDefault(language, compensation.getOrDefault(fallback, ""));
  }
}
