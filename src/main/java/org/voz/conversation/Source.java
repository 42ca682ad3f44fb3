package org.voz.conversation;

import java.util.Objects;

/** Where something was written: a file of conversations/ and a 1-based line. */
public record Source(String file, int line) {
  public Source {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
