package org.voz.consent;

import java.util.List;
import java.util.Objects;

/**
 * A minor's guardian or legal representative, as the case manager records them: who they are, how they relate to the
 * survivor, and how to reach them. Kept in the survivor's record, so sealed at rest like the rest of it; never logged.
 * While the survivor is a minor, a consent they grant in the chat waits for this person's answer
 * ({@code pending_representative}).
 *
 * @param name     the representative's name
 * @param relation how they relate to the survivor, in the case manager's words (mother, legal guardian, …)
 * @param contacts where they can be reached (the same shape as a survivor's contacts); may be empty
 * @param pinHash  the hash of the representative's own PIN (set by the case manager, hashed like a survivor's, never
 *                 shown), or {@code null}: none set
 */
public record Representative(String name, String relation, List<Survivor.Contact> contacts, String pinHash) {

  /** The longest name kept. */
  public static final int MAX_NAME = 200;
  /** The longest relation kept. */
  public static final int MAX_RELATION = 100;

  public Representative {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(relation, "relation");
    name = name.strip();
    relation = relation.strip();
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
  }

  /** A representative without a PIN of their own. */
  public Representative(String name, String relation, List<Survivor.Contact> contacts) {
    this(name, relation, contacts, null);
  }

  /** The same representative with the PIN whose hash is {@code newPinHash} ({@code null}: none). */
  public Representative withPinHash(String newPinHash) {
    return new Representative(name, relation, contacts, newPinHash);
  }

  /** Whether the representative has a PIN of their own. */
  public boolean hasPin() {
    return pinHash != null;
  }

  /** Why these could not be a representative's details (a blank or too long name or relation), if they could not. */
  public static java.util.Optional<String> problem(String name, String relation) {
    if (name == null || name.isBlank()) {
      return java.util.Optional.of("name: a representative has a name");
    }
    if (name.strip().length() > MAX_NAME) {
      return java.util.Optional.of("name: at most " + MAX_NAME + " characters");
    }
    if (relation == null || relation.isBlank()) {
      return java.util.Optional.of("relation: say how they relate to the survivor");
    }
    if (relation.strip().length() > MAX_RELATION) {
      return java.util.Optional.of("relation: at most " + MAX_RELATION + " characters");
    }
    return java.util.Optional.empty();
  }
}
