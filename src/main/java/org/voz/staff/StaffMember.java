package org.voz.staff;

import java.util.List;
import java.util.Set;

/** A person who uses the staff API: a case manager, a co-design coordinator, or an admin. */
public record StaffMember(String id, String role, String name, List<Contact> contacts) {

  public static final String CASE_MANAGER = "case_manager";
  public static final String COORDINATOR = "coordinator";
  public static final String ADMIN = "admin";
  public static final Set<String> ROLES = Set.of(CASE_MANAGER, COORDINATOR, ADMIN);

  public StaffMember {
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
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
