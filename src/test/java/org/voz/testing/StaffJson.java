package org.voz.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Test data: a staff member as {@code POST /api/v1/staff} takes it. */
public final class StaffJson {

  private final JsonObject json = new JsonObject();

  private StaffJson() {}

  /** {@code id} in {@code role}, named "Test {@code id}". */
  public static StaffJson of(String id, String role) {
    return new StaffJson().id(id).role(role).name("Test " + id);
  }

  public StaffJson id(String id) {
    json.put("id", id);
    return this;
  }

  public StaffJson role(String role) {
    json.put("role", role);
    return this;
  }

  public StaffJson name(String name) {
    json.put("name", name);
    return this;
  }

  /** Adds a contact of the staff member's own (alert notes). */
  public StaffJson contact(String channel, String address) {
    JsonArray contacts = json.getJsonArray("contacts");
    if (contacts == null) {
      contacts = new JsonArray();
      json.put("contacts", contacts);
    }
    contacts.add(new JsonObject().put("channel", channel).put("address", address));
    return this;
  }

  public JsonObject json() {
    return json.copy();
  }
}
