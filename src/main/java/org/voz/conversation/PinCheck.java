package org.voz.conversation;

/**
 * Checks a PIN against the survivor's stored hash. Pure (no I/O) but deliberately slow, which is why
 * the shell runs the engine on a worker thread.
 */
@FunctionalInterface
public interface PinCheck {
  boolean matches(String pin);

  /**
   * Whether {@code pin} is the survivor's duress PIN (optional, agreed with the case manager): the
   * conversation then looks verified but shows nothing personal, and a {@code duress} alert goes out
   * silently.
   */
  default boolean isDuress(String pin) {
    return false;
  }
}
