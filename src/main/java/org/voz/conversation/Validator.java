package org.voz.conversation;

import java.io.PrintStream;
import java.nio.file.Path;

/** STUB: the engine work replaces it. */
public final class Validator {
  public static int run(Path dir, PrintStream out) {
    throw new UnsupportedOperationException("stub");
  }
}
