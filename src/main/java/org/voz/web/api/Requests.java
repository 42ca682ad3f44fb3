package org.voz.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.stream.Collectors;
import org.voz.web.ApiError;

/** The JSON bodies the staff API accepts: strict (unknown fields are a 400 naming the field). */
final class Requests {

  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Requests() {}

  record Contact(String channel, String address) {}

  record Consent(String id, String data, String recipient, String purpose, String until, String status) {
    /** The item this consent records (the contract has checked the codes, the date and the status). */
    org.voz.consent.ConsentItem item(java.time.Instant now) {
      return new org.voz.consent.ConsentItem(id, data, recipient, purpose, java.time.LocalDate.parse(until), status, now);
    }
  }

  record Window(String timezone, String from, String to, List<String> channels) {}

  record Enrol(
      String caseRef, String language, String caseManager, List<Contact> contacts, String pin,
      List<Consent> consents, Window contactWindow, String duressPin, Feedback feedback,
      String dateOfBirth, String riskLevel, Boolean needsInterpreter, Representative representative) {}

  /**
   * A minor's guardian or legal representative: name, relation, contacts, and their own PIN (write-only, hashed by the
   * use case; {@code null}: none given), the contract has checked the shape.
   */
  record Representative(String name, String relation, List<Contact> contacts, String pin) {
    org.voz.consent.Representative value() {
      return new org.voz.consent.Representative(name, relation, contacts == null ? List.of() : contacts.stream()
          .map(c -> new org.voz.consent.Survivor.Contact(c.channel(), c.address())).toList());
    }
  }

  /** Whether the survivor agreed to be asked for feedback, and the cohort facts campaigns filter on. */
  record Feedback(Boolean acceptsRequests, String programme, String exitedOn) {}

  record NewStaff(String id, String role, String name, List<Contact> contacts, String language) {}

  static <T> T parse(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw ApiError.badRequest(null, "a JSON body is required");
    }
    try {
      T value = STRICT.readValue(body, type);
      if (value == null) {
        throw ApiError.badRequest(null, "a JSON object is required");
      }
      return value;
    } catch (JsonMappingException e) {
      String field = e.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      String problem = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
          ? "unknown field"
          : "wrong type or shape";
      throw ApiError.badRequest(field.isEmpty() ? null : field, problem + (field.isEmpty() ? "" : ": " + field));
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest(null, "malformed JSON");
    }
  }
}
