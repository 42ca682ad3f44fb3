package org.voz.web.console;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.contact.PhoneNumbers;
import org.voz.safety.ContactWindow;

/**
 * What the console's casework forms check of their shape before a use case checks the rules: the same patterns as
 * the staff API's contract ({@code openapi/voz.yaml}: Code, StaffId, Pin, contactWindow), and phone numbers as the use
 * cases read them. Each error is a text key by field.
 */
final class FormChecks {

  static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern STAFF_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final Pattern PIN = Pattern.compile("[0-9]{4,8}");
  static final Pattern TIME = Pattern.compile("[0-2][0-9]:[0-5][0-9]");
  static final List<String> WINDOW_CHANNELS = List.of("sms", "whatsapp", "telegram");

  private FormChecks() {}

  static void code(Map<String, String> v, String field, Map<String, String> errors) {
    String value = v.get(field);
    if (value.isEmpty()) {
      errors.put(field, "err.required");
    } else if (!CODE.matcher(value).matches()) {
      errors.put(field, "err.code");
    }
  }

  static void pin(Map<String, String> v, String field, boolean required, Map<String, String> errors) {
    String value = v.get(field);
    if (value.isEmpty()) {
      if (required) {
        errors.put(field, "err.required");
      }
    } else if (!PIN.matcher(value).matches()) {
      errors.put(field, "err.pin");
    }
  }

  static LocalDate date(Map<String, String> v, String field, boolean required, Map<String, String> errors) {
    String value = v.get(field);
    if (value.isEmpty()) {
      if (required) {
        errors.put(field, "err.required");
      }
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.put(field, "err.date");
      return null;
    }
  }

  /**
   * The SMS and WhatsApp numbers given (each optional), in E.164: written with their country code or in the national
   * form of the programme's country ({@code phones}); one that is no possible number is an error beside its field.
   */
  static List<Survivor.Contact> phones(Map<String, String> v, PhoneNumbers phones, Map<String, String> errors) {
    List<Survivor.Contact> contacts = new ArrayList<>();
    for (String channel : List.of("sms", "whatsapp")) {
      String value = v.get(channel).strip();
      if (value.isEmpty()) {
        continue;
      }
      var number = phones.e164(value);
      if (number.isEmpty()) {
        errors.put(channel, "err.phone");
      } else {
        v.put(channel, number.get());
        contacts.add(new Survivor.Contact(channel, number.get()));
      }
    }
    return contacts;
  }

  /**
   * The contact window: a time zone that exists, hours that are times and start before they end, safe channels
   * among {@link #WINDOW_CHANNELS}; none when its three fields are blank (the configured default).
   */
  static ContactWindow window(Map<String, String> v, List<String> channels, Map<String, String> errors) {
    String zone = v.get("timezone");
    String from = v.get("from");
    String to = v.get("to");
    if (zone.isEmpty() && from.isEmpty() && to.isEmpty()) {
      if (!channels.isEmpty()) {
        errors.put("timezone", "err.windowHours");
      }
      return null;
    }
    int before = errors.size();
    try {
      if (zone.isEmpty()) {
        errors.put("timezone", "err.required");
      } else {
        ZoneId.of(zone);
      }
    } catch (DateTimeException e) {
      errors.put("timezone", "err.timezone");
    }
    LocalTime start = time(from, "from", errors);
    LocalTime end = time(to, "to", errors);
    if (start != null && end != null && !start.isBefore(end)) {
      errors.put("to", "err.window");
    }
    if (!WINDOW_CHANNELS.containsAll(channels)) {
      errors.put("channels", "err.channels");
    }
    return errors.size() > before ? null : new ContactWindow(zone, start, end, channels);
  }

  private static LocalTime time(String value, String field, Map<String, String> errors) {
    if (value.isEmpty()) {
      errors.put(field, "err.required");
      return null;
    }
    try {
      if (TIME.matcher(value).matches()) {
        return LocalTime.parse(value);
      }
    } catch (DateTimeParseException e) {
      // a time like 29:00 fits the pattern and is no time: the same error
    }
    errors.put(field, "err.time");
    return null;
  }

  /** The consent recorded at enrolment, if the form gives one: all four of what, with whom, what for and until. */
  static List<ConsentItem> firstConsent(Map<String, String> v, Map<String, String> errors, java.time.Instant now) {
    List<String> fields = List.of("data", "recipient", "purpose", "until");
    if (fields.stream().allMatch(f -> v.get(f).isEmpty())) {
      return List.of();
    }
    code(v, "data", errors);
    code(v, "recipient", errors);
    code(v, "purpose", errors);
    LocalDate until = date(v, "until", true, errors);
    if (!List.of("granted", "pending").contains(v.get("status"))) {
      errors.put("status", "err.choose");
    }
    if (fields.stream().anyMatch(errors::containsKey) || errors.containsKey("status")) {
      return List.of();
    }
    return List.of(new ConsentItem("c1", v.get("data"), v.get("recipient"), v.get("purpose"), until, v.get("status"), now));
  }
}
