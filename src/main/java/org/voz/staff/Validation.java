package org.voz.staff;

import java.time.Instant;
import java.util.List;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.voz.web.ApiError;
import org.voz.consent.ConsentItem;

/** Field checks shared by the staff endpoints: each failure is a 400 naming the field. */
final class Validation {

  static final Pattern STAFF_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern PIN = Pattern.compile("[0-9]{4,8}");

  private Validation() {}

  static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw ApiError.badRequest(field, message);
    }
  }

  static String pin(String pin, String field) {
    require(pin != null && PIN.matcher(pin).matches(), field, "pin must be 4 to 8 digits");
    return pin;
  }

  private static String at(String field, String name) {
    return field.isEmpty() ? name : field + "." + name;
  }

  /** A contact window as the API accepts it: an IANA zone, "HH:mm" hours, channels among the contacts'. */
  static org.voz.safety.ContactWindow window(Requests.Window w, java.util.Set<String> contactChannels) {
    if (w == null) {
      return null;
    }
    require(w.timezone() != null, "contactWindow.timezone", "timezone is required, e.g. America/Guatemala");
    java.time.LocalTime from = time(w.from(), "contactWindow.from");
    java.time.LocalTime to = time(w.to(), "contactWindow.to");
    List<String> channels = w.channels() == null ? List.of() : w.channels();
    for (int i = 0; i < channels.size(); i++) {
      require(contactChannels.contains(channels.get(i)), "contactWindow.channels[" + i + "]",
          "a safe channel must be one of the survivor's contacts' channels");
    }
    try {
      return new org.voz.safety.ContactWindow(w.timezone(), from, to, channels);
    } catch (IllegalArgumentException e) {
      boolean zone = e.getMessage().contains("zone");
      throw ApiError.badRequest(zone ? "contactWindow.timezone" : "contactWindow.to", e.getMessage());
    }
  }

  private static java.time.LocalTime time(String value, String field) {
    require(value != null && value.matches("[0-2][0-9]:[0-5][0-9]"), field, "a time like 08:00");
    try {
      return java.time.LocalTime.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.badRequest(field, "a time like 08:00");
    }
  }

  /** A consent item as the API accepts it: every field a code, {@code until} a date (every consent is time-limited). */
  static ConsentItem consent(Requests.Consent c, String field, Instant now) {
    require(c != null, field.isEmpty() ? null : field, "a consent object is required");
    require(c.id() != null && CODE.matcher(c.id()).matches(), at(field, "id"), "id is required: 1-64 letters, digits, '.', '_' or '-'");
    require(c.data() != null && CODE.matcher(c.data()).matches(), at(field, "data"), "data is required (a category code)");
    require(c.recipient() != null && CODE.matcher(c.recipient()).matches(), at(field, "recipient"), "recipient is required (an organisation code)");
    require(c.purpose() != null && CODE.matcher(c.purpose()).matches(), at(field, "purpose"), "purpose is required (a purpose code)");
    require(c.until() != null, at(field, "until"), "until is required: every consent is time-limited");
    LocalDate until;
    try {
      until = LocalDate.parse(c.until());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(at(field, "until"), "until must be a date like 2027-06-30");
    }
    require(c.status() != null && ConsentItem.STATUSES.contains(c.status()), at(field, "status"),
        "status must be one of " + ConsentItem.STATUSES);
    return new ConsentItem(c.id(), c.data(), c.recipient(), c.purpose(), until, c.status(), now);
  }
}
