package org.voz.testing;

import io.vertx.core.json.JsonObject;

/** Test data: one consent item as the staff API takes it (enrolment {@code consents[]}, or a proposal). */
public final class ConsentJson {

  private final JsonObject json = new JsonObject();

  private ConsentJson(String id) {
    json.put("id", id);
  }

  /** An item with only its id; the rest set below. */
  public static ConsentJson item(String id) {
    return new ConsentJson(id);
  }

  /** The enrolment consent most tests use: case notes to the shelter for referral, granted until 2027-06-30. */
  public static ConsentJson caseNotes(String id) {
    return item(id).data("case-notes").recipient("shelter-casa-esperanza").purpose("referral").until("2027-06-30")
        .status("granted");
  }

  /** The request most tests propose: health information to the clinic for medical care, until 2027-03-31. */
  public static ConsentJson medical(String id, String status) {
    return item(id).data("health-information").recipient("clinic-salud-digna").purpose("medical-care")
        .until("2027-03-31").status(status);
  }

  public ConsentJson data(String data) {
    json.put("data", data);
    return this;
  }

  public ConsentJson recipient(String recipient) {
    json.put("recipient", recipient);
    return this;
  }

  public ConsentJson purpose(String purpose) {
    json.put("purpose", purpose);
    return this;
  }

  public ConsentJson until(String until) {
    json.put("until", until);
    return this;
  }

  public ConsentJson status(String status) {
    json.put("status", status);
    return this;
  }

  public JsonObject json() {
    return json.copy();
  }
}
