package org.voz.feedback;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A "what we changed" update kept for one survivor in their record (sealed with it, under the survivor's own key and
 * bound to {@code record/<survivorId>}: no value of its own, so erasing the survivor erases it), to be read after their PIN:
 * its texts per language, until they have read it; then only its ids stay ({@link #seen}), so that the same update
 * is never kept for them again. The phone only ever got the neutral nudge.
 *
 * @param campaignId the campaign it is about
 * @param updateId   the update's id ({@link LoopUpdate#id})
 * @param texts      the text per language (empty once seen)
 * @param fallback   the language shown when the survivor's has no text: the first one the coordinator gave
 * @param seen       whether the survivor has read it
 */
public record LoopNews(String campaignId, String updateId, Map<String, String> texts, String fallback, boolean seen) {

  public LoopNews {
    if (campaignId == null || campaignId.isBlank() || updateId == null || updateId.isBlank()) {
      throw new IllegalArgumentException("an update kept for a survivor names its campaign and its id");
    }
    texts = texts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    if (!seen && (fallback == null || !texts.containsKey(fallback))) {
      throw new IllegalArgumentException("an update not yet read has a text in its fallback language");
    }
  }

  /** A new update for the survivor to read, the text of {@code fallback} shown when theirs is missing. */
  public static LoopNews unread(String campaignId, String updateId, Map<String, String> texts, String fallback) {
    return new LoopNews(campaignId, updateId, texts, fallback, false);
  }

  /** The text in {@code language}, else in the fallback language. */
  public String text(String language) {
    String text = texts.get(language);
    return text != null ? text : texts.getOrDefault(fallback, "");
  }

  /** Read: its texts dropped, its ids kept. */
  public LoopNews read() {
    return new LoopNews(campaignId, updateId, Map.of(), null, true);
  }

  /** Whether this is update {@code updateId} of campaign {@code campaignId}. */
  public boolean is(String campaignId, String updateId) {
    return this.campaignId.equals(campaignId) && this.updateId.equals(updateId);
  }
}
