package org.voz.conversation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One survivor's conversation state. Immutable: the engine returns a new one.
 *
 * @param version      optimistic-concurrency version, owned by the store; the engine copies it unchanged
 * @param language     the language the survivor reads, e.g. {@code es}
 * @param flow         the active flow id, or {@code null} when no conversation is open
 * @param step         the step awaiting an answer in {@code flow}, or {@code null}
 * @param verified     whether the PIN was verified in this conversation
 * @param pinFailures  consecutive wrong PINs; survives the end of a conversation, reset by a right PIN
 * @param locked       too many wrong PINs: nothing personal until a case manager unlocks
 * @param optedOut     the survivor sent STOP: silence until START
 * @param invalidCount consecutive answers the current step could not understand
 * @param lastActivity when the survivor last wrote, or {@code null}
 * @param turns        inbound messages applied so far (a cheap proof that none was lost)
 * @param vars         values captured by the conversation (free text, selections)
 */
public record Session(
    long version,
    String language,
    String flow,
    String step,
    boolean verified,
    int pinFailures,
    boolean locked,
    boolean optedOut,
    int invalidCount,
    Instant lastActivity,
    long turns,
    Map<String, String> vars) {

  public Session {
    Objects.requireNonNull(language, "language");
    vars = vars == null ? Map.of() : Map.copyOf(vars);
  }

  /**
   * The variables that outlive a conversation, which a new one starts with: the mark a quick exit leaves so that
   * the next conversation offers a person once verified. The rest belong to the conversation that ended.
   */
  public Map<String, String> carriedOver() {
    String afterExit = vars.get(PersonActions.VAR_AFTER_EXIT);
    return afterExit == null ? Map.of() : Map.of(PersonActions.VAR_AFTER_EXIT, afterExit);
  }

  /** A survivor who never wrote. */
  public static Session fresh(String language) {
    return new Session(0, language, null, null, false, 0, false, false, 0, null, 0, Map.of());
  }

  public boolean active() {
    return flow != null;
  }
}
