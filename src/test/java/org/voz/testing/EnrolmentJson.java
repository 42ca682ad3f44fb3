package org.voz.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Test data: a survivor's enrolment as {@code POST /api/v1/survivors} takes it. Each setter puts its property as
 * given (a {@code null} is sent as an explicit null, which the contract reads as absent); properties never set are
 * not sent.
 */
public final class EnrolmentJson {

  private final JsonObject json = new JsonObject();

  private EnrolmentJson() {}

  /** An empty enrolment: set what the test needs. */
  public static EnrolmentJson empty() {
    return new EnrolmentJson();
  }

  /** Case ref GT-2026-0147, under {@code caseManager}, PIN 4821; no language, contacts or consents yet. */
  public static EnrolmentJson of(String caseManager) {
    return empty().caseRef("GT-2026-0147").caseManager(caseManager).pin("4821");
  }

  /**
   * The enrolment most tests use: {@link #of}, in {@code language}, one contact, and the granted case-notes consent
   * {@code c1} ({@link ConsentJson#caseNotes}).
   */
  public static EnrolmentJson standard(String caseManager, String language, String channel, String address) {
    return of(caseManager).language(language).contact(channel, address).consent(ConsentJson.caseNotes("c1"));
  }

  public EnrolmentJson caseRef(String caseRef) {
    json.put("caseRef", caseRef);
    return this;
  }

  public EnrolmentJson language(String language) {
    json.put("language", language);
    return this;
  }

  public EnrolmentJson caseManager(String caseManager) {
    json.put("caseManager", caseManager);
    return this;
  }

  /** Adds a contact ({@code sms}, {@code whatsapp}, {@code telegram}). */
  public EnrolmentJson contact(String channel, String address) {
    array("contacts").add(new JsonObject().put("channel", channel).put("address", address));
    return this;
  }

  public EnrolmentJson sms(String phone) {
    return contact("sms", phone);
  }

  public EnrolmentJson pin(String pin) {
    json.put("pin", pin);
    return this;
  }

  public EnrolmentJson duressPin(String duressPin) {
    json.put("duressPin", duressPin);
    return this;
  }

  /** Adds a consent item. */
  public EnrolmentJson consent(ConsentJson consent) {
    array("consents").add(consent.json());
    return this;
  }

  public EnrolmentJson contactWindow(JsonObject window) {
    json.put("contactWindow", window);
    return this;
  }

  public EnrolmentJson feedback(JsonObject feedback) {
    json.put("feedback", feedback);
    return this;
  }

  /** {@code low}, {@code medium} or {@code high}. */
  public EnrolmentJson riskLevel(String level) {
    json.put("riskLevel", level);
    return this;
  }

  /** {@code YYYY-MM-DD}. */
  public EnrolmentJson dateOfBirth(String date) {
    json.put("dateOfBirth", date);
    return this;
  }

  public EnrolmentJson needsInterpreter(boolean needs) {
    json.put("needsInterpreter", needs);
    return this;
  }

  /** Any other property, as given. */
  public EnrolmentJson with(String name, Object value) {
    json.put(name, value);
    return this;
  }

  public JsonObject json() {
    return json.copy();
  }

  private JsonArray array(String name) {
    JsonArray array = json.getJsonArray(name);
    if (array == null) {
      array = new JsonArray();
      json.put(name, array);
    }
    return array;
  }
}
