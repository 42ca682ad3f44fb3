package org.voz.service.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.voz.consent.Survivor;
import org.voz.contact.PhoneNumbers;
import org.voz.safety.ContactWindow;
import org.voz.service.Refusal;

/**
 * The phone numbers of a record as staff write them: normalised to E.164 (the national form of the programme's country
 * is understood), and the time zone they point to, which is the survivor's when they have no contact window of their
 * own. Enrolment and the upkeep of contacts share it.
 */
final class ContactNumbers {

  /** The refusal's code when the numbers leave the survivor's time zone open. */
  static final String TIMEZONE_REQUIRED = "timezone_required";

  private static final List<String> PHONE_CHANNELS = List.of("sms", "whatsapp");

  private ContactNumbers() {}

  /**
   * {@code contacts} with every SMS and WhatsApp number in E.164. A number that cannot be one is refused on its field
   * ({@code contacts[i].address}) with the one answer to a contact that cannot be enrolled ({@link TakenContacts}):
   * whether it is no number or someone else's is not told. The same contact twice (e.g. in two forms) is refused too.
   */
  static List<Survivor.Contact> normalised(PhoneNumbers phones, List<Survivor.Contact> contacts) {
    return normalised(phones, contacts, "contacts");
  }

  /** A representative's numbers, as the survivor's own; a refusal names {@code representative.contacts[i].address}. */
  static org.voz.consent.Representative normalised(PhoneNumbers phones, org.voz.consent.Representative representative) {
    return representative == null || representative.contacts() == null ? representative
        : new org.voz.consent.Representative(representative.name(), representative.relation(),
            normalised(phones, representative.contacts(), "representative.contacts"), representative.pinHash());
  }

  private static List<Survivor.Contact> normalised(PhoneNumbers phones, List<Survivor.Contact> contacts, String list) {
    List<Survivor.Contact> out = new ArrayList<>(contacts.size());
    for (int i = 0; i < contacts.size(); i++) {
      Survivor.Contact c = contacts.get(i);
      if (!PHONE_CHANNELS.contains(c.channel())) {
        out.add(c);
        continue;
      }
      String field = list + "[" + i + "].address";
      String number = phones.e164(c.address()).orElseThrow(() -> Refusal.invalid(field, TakenContacts.REFUSED));
      out.add(new Survivor.Contact(c.channel(), number));
    }
    if (out.stream().distinct().count() < out.size()) {
      throw Refusal.invalid(list, "the same contact twice");
    }
    return out;
  }

  /** The one time zone the phone numbers point to, if they point to exactly one. */
  static Optional<String> zone(List<Survivor.Contact> contacts) {
    Set<String> zones = zones(contacts);
    return zones.size() == 1 ? Optional.of(zones.iterator().next()) : Optional.empty();
  }

  /**
   * A survivor without a contact window of their own ({@code window} null) is written to in the time zone of their
   * numbers' place: when that place has several zones (or their numbers point to different ones), the case manager is
   * asked for it (400, {@code contactWindow.timezone}) rather than guessing. Numbers whose place is not known keep the
   * configured zone.
   */
  static void requireZone(List<Survivor.Contact> contacts, ContactWindow window) {
    if (window != null) {
      return;
    }
    Set<String> zones = zones(contacts);
    if (zones.size() > 1) {
      List<String> some = zones.stream().limit(4).toList();
      throw new Refusal(Refusal.Kind.INVALID, TIMEZONE_REQUIRED, "the phone number's country has several time zones ("
          + String.join(", ", some) + (zones.size() > some.size() ? ", …" : "")
          + "): give a contactWindow with the survivor's timezone", "contactWindow.timezone");
    }
  }

  private static Set<String> zones(List<Survivor.Contact> contacts) {
    return PhoneNumbers.zones(contacts.stream().filter(c -> PHONE_CHANNELS.contains(c.channel()))
        .map(Survivor.Contact::address).toList());
  }
}
