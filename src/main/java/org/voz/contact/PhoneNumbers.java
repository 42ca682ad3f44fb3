package org.voz.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Phone numbers as staff write them, through libphonenumber: in international form ({@code +502 5555 0147}) or in the
 * national form of the programme's country ({@code 5555 0147} with region {@code GT}), normalised to E.164; and the
 * time zones of the place a number belongs to. Pure: the library's metadata ships in its jar.
 *
 * <p>A number is taken when it is <em>possible</em> (its length fits its country), not only when the library's ranges
 * know it as assigned: those lag behind new ranges, and refusing a survivor's real number is worse than keeping one
 * whose place is not known (its zone then falls back to the configured one).
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

  private static final java.util.regex.Pattern WRITTEN = java.util.regex.Pattern.compile("\\+?[0-9() ./-]{4,}");

  private final String region;

  /**
   * @param defaultRegion the programme's country (ISO 3166 two letters, e.g. {@code GT}) whose national form is
   *                      understood; {@code null} or empty: only numbers with their country code
   * @throws IllegalArgumentException for a region libphonenumber does not know
   */
  public PhoneNumbers(String defaultRegion) {
    String given = defaultRegion == null ? "" : defaultRegion.strip().toUpperCase(Locale.ROOT);
    if (!given.isEmpty() && !UTIL.getSupportedRegions().contains(given)) {
      throw new IllegalArgumentException("unknown region " + given + " (two letters, e.g. GT)");
    }
    this.region = given;
  }

  /** Only numbers with their country code. */
  public static PhoneNumbers international() {
    return new PhoneNumbers("");
  }

  /** The default region, or empty. */
  public String region() {
    return region;
  }

  /**
   * {@code given} in E.164 ({@code +50255550147}), or empty when it is no possible phone number (letters, too short or
   * too long for its country, a national number without a default region). Digits, spaces, dots, dashes, slashes and
   * brackets are all it may hold, and a leading {@code +}.
   */
  public Optional<String> e164(String given) {
    // digits and the usual separators only: libphonenumber would read letters as a keypad's ("1-800-FLOWERS")
    if (given == null || given.length() > 40 || !WRITTEN.matcher(given.strip()).matches()) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(given.strip(), region.isEmpty() ? "ZZ" : region);
      if (!UTIL.isPossibleNumber(number) || number.hasExtension()) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The IANA time zones of the place {@code e164} belongs to: one for most numbers (a country with one zone, or a
   * region of a larger one, e.g. a US area code), several where the number could be anywhere in a country of several
   * zones, none where the library does not know its place.
   */
  public static List<String> zones(String e164) {
    try {
      PhoneNumber number = UTIL.parse(e164, "ZZ");
      List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number);
      // a zone the JDK does not know (the library's names may run ahead of it) is no zone to write at
      return zones.stream().filter(z -> !z.equals(UNKNOWN_ZONE) && java.time.ZoneId.getAvailableZoneIds().contains(z))
          .toList();
    } catch (NumberParseException e) {
      return List.of();
    }
  }

  /**
   * The zones the places of {@code numbers} (E.164) point to, together: empty when no place is known, one zone when
   * the known ones agree, several when they do not or a number's country has several.
   */
  public static Set<String> zones(List<String> numbers) {
    Set<String> all = new LinkedHashSet<>();
    numbers.forEach(n -> all.addAll(zones(n)));
    return all;
  }
}
