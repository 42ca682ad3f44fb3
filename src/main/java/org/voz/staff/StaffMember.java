package org.voz.staff;

import java.util.List;
import java.util.Set;

/**
 * A person who uses the staff API and console: a case manager, a co-design coordinator, or an admin.
 * {@code language} is the console's language for them (one of {@link #LANGUAGES}; default Spanish, as most
 * staff in the field work in it).
 */
public record StaffMember(String id, String role, String name, List<Contact> contacts, String language) {

  public static final String CASE_MANAGER = "case_manager";
  public static final String COORDINATOR = "coordinator";
  public static final String ADMIN = "admin";
  public static final Set<String> ROLES = Set.of(CASE_MANAGER, COORDINATOR, ADMIN);
  /** The console's languages; the first is the default. */
  public static final List<String> LANGUAGES = List.of("es", "en", "pt", "fr");

  public StaffMember {
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    language = language == null ? LANGUAGES.get(0) : language;
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("language must be one of " + LANGUAGES);
    }
  }

  public StaffMember(String id, String role, String name, List<Contact> contacts) {
    this(id, role, name, contacts, null);
  }

  /** The bootstrap admin of VOZ_ADMIN_TOKEN. */
  public static StaffMember bootstrapAdmin() {
    return new StaffMember("admin", ADMIN, "admin", List.of());
  }

  public boolean is(String role) {
    return this.role.equals(role);
  }

  public record Contact(String channel, String address) {}
}
