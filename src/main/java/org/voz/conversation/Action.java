package org.voz.conversation;

import java.util.Objects;
import java.util.Set;

/**
 * What choosing an option does besides moving on. The set is small on purpose:
 * {@code set_language: pt} switches the survivor's language; {@code quick_exit: true} ends the
 * conversation at once exactly like the reserved word SALIR/EXIT.
 */
public record Action(String name, String value, Source source) {

  public static final String SET_LANGUAGE = "set_language";
  public static final String QUICK_EXIT = "quick_exit";
  public static final Set<String> KNOWN = Set.of(SET_LANGUAGE, QUICK_EXIT);

  public Action {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    value = value == null ? "" : value;
  }

  public boolean known() {
    return KNOWN.contains(name);
  }
}
