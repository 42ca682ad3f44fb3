package org.voz.conversation;

import java.nio.file.Path;
import java.util.List;

/**
 * Every flow of conversations/, loaded and checked. STUB: the engine work replaces the body; the
 * public signatures here are what the shell calls.
 */
public final class Conversations {

  /** Loads every *.yaml in {@code dir} (not tests/); throws {@link IllegalArgumentException} on errors. */
  public static Conversations load(Path dir) {
    throw new UnsupportedOperationException("stub");
  }

  /** Supported language codes, default first (es, en, pt, fr, ...). */
  public List<String> languages() {
    throw new UnsupportedOperationException("stub");
  }

  public String defaultLanguage() {
    throw new UnsupportedOperationException("stub");
  }
}
