package org.voz.conversation;

/**
 * Checks a PIN against the survivor's stored hash. Pure (no I/O) but deliberately slow, which is why
 * the shell runs the engine on a worker thread.
 */
@FunctionalInterface
public interface PinCheck {
  boolean matches(String pin);
}
