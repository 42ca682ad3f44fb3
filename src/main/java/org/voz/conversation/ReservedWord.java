package org.voz.conversation;

import java.util.Locale;

/** The families of words that act at any step, in every language. */
public enum ReservedWord {
  /** Opt out of all messages (carrier STOP). */
  STOP,
  /** Opt back in. */
  START,
  /** Neutral help; changes nothing. */
  HELP,
  /** Back to the main menu (or the PIN prompt). */
  MENU,
  /** Quick exit: end the conversation at once with a harmless line. */
  EXIT,
  /** Change the language. */
  LANGUAGE;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReservedWord ofKey(String key) {
    for (ReservedWord w : values()) {
      if (w.key().equals(key)) {
        return w;
      }
    }
    return null;
  }
}
