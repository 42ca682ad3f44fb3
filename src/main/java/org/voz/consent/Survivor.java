package org.voz.consent;

import java.time.Instant;
import java.util.List;

/**
 * A survivor's record. Stored sealed as a whole: nothing in it is readable at rest.
 *
 * @param id          opaque random id
 * @param caseRef     the agency's case reference
 * @param language    preferred language code
 * @param caseManager the staff id of the case manager the survivor is enrolled under
 * @param contacts    channel addresses (phone numbers, chat ids)
 * @param pinHash     PIN hash (see PinHasher); never the PIN
 * @param consents    consent items
 * @param ledgerHead  the hash of the last event of the survivor's consent ledger ({@code null}: none yet),
 *                    kept with the record so that a removed last event is detected too
 * @param contactWindow when and on which channels Voz may write first; {@code null}: the configured default
 * @param duressPinHash hash of an optional duress PIN: it opens a harmless, empty conversation and raises a
 *                      {@code duress} alert silently; {@code null}: none
 * @param requests    the survivor's file requests (copies, letters, verifications), oldest first
 * @param feedback    whether they may be asked for feedback, cohort facts, and their survey invitations
 * @param needsInterpreter the survivor asked, in the chat, for someone who speaks their language
 * @param dateOfBirth  the survivor's date of birth, if the case manager recorded it ({@code null}: not known); a
 *                     minor's record is high risk ({@link org.voz.safety.Minor})
 * @param riskLevel    the risk level staff set ({@code null}: a record from before levels, read as low); what the
 *                     record is treated as is {@link #risk}: this, raised to what its facts demand
 * @param representative a minor's guardian or legal representative ({@code null}: none recorded); while the survivor
 *                     is a minor, a consent they grant in the chat waits for this person ({@code pending_representative})
 * @param adultNoted   the day the coming-of-age job noted that the survivor turned 18 and left the minor rules
 *                     ({@code null}: not noted, or the date of birth changed since)
 * @param retention    a legal hold, the survivor's erasure request, the retention warning given ({@code null}: none)
 */
public record Survivor(
    String id,
    String caseRef,
    String language,
    String caseManager,
    List<Contact> contacts,
    String pinHash,
    List<ConsentItem> consents,
    Instant createdAt,
    String ledgerHead,
    org.voz.safety.ContactWindow contactWindow,
    String duressPinHash,
    List<org.voz.requests.FileRequest> requests,
    org.voz.feedback.Participation feedback,
    boolean needsInterpreter,
    java.time.LocalDate dateOfBirth,
    org.voz.safety.RiskLevel riskLevel,
    Representative representative,
    java.time.LocalDate adultNoted,
    Retention retention) {

  public Survivor {
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    consents = consents == null ? List.of() : List.copyOf(consents);
    requests = requests == null ? List.of() : List.copyOf(requests);
    feedback = org.voz.feedback.Participation.orNone(feedback);
    retention = Retention.orNone(retention);
  }

  /**
   * A new record: who they are, how they are reached, their PIN and consents, and nothing else yet (no ledger, contact
   * window, duress PIN, requests, feedback participation, date of birth, risk level, representative or retention
   * facts); the {@code with…} methods add those.
   */
  public static Survivor enrolled(String id, String caseRef, String language, String caseManager, List<Contact> contacts,
      String pinHash, List<ConsentItem> consents, Instant createdAt) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, null, null, null,
        List.of(), null, false, null, null, null, null, null);
  }

  /** The record with this duress PIN's hash ({@code null}: none). */
  public Survivor withDuressPinHash(String newDuressPinHash) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, newDuressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  /** The record marked as needing an interpreter (or not). */
  public Survivor withNeedsInterpreter(boolean needs) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needs, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  public Survivor withFeedback(org.voz.feedback.Participation newFeedback) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, newFeedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  public Survivor withRequests(List<org.voz.requests.FileRequest> newRequests) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, newRequests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  /** The request with this id, if the survivor has it. */
  public java.util.Optional<org.voz.requests.FileRequest> request(String requestId) {
    return requests.stream().filter(r -> r.id().equals(requestId)).findFirst();
  }

  /** The record with {@code changed} in place of the request with its id. */
  public Survivor withRequest(org.voz.requests.FileRequest changed) {
    return withRequests(requests.stream().map(r -> r.id().equals(changed.id()) ? changed : r).toList());
  }

  public Survivor withConsents(List<ConsentItem> newConsents) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, newConsents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  public Survivor withContacts(List<Contact> newContacts) {
    return new Survivor(id, caseRef, language, caseManager, newContacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  public Survivor withPinHash(String newPinHash) {
    return new Survivor(id, caseRef, language, caseManager, contacts, newPinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  public Survivor withLanguage(String newLanguage) {
    return new Survivor(id, caseRef, newLanguage, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  public Survivor withCaseManager(String newCaseManager) {
    return new Survivor(id, caseRef, language, newCaseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  /** @param newWindow {@code null}: the configured default */
  public Survivor withContactWindow(org.voz.safety.ContactWindow newWindow) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, newWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  public Survivor withLedgerHead(String newHead) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, newHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, retention);
  }

  /** The record with this date of birth ({@code null}: not known); a coming of age noted under another one is no longer. */
  public Survivor withDateOfBirth(java.time.LocalDate newDateOfBirth) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, newDateOfBirth, riskLevel, representative,
        java.util.Objects.equals(newDateOfBirth, dateOfBirth) ? adultNoted : null, retention);
  }

  /** The record with the risk level staff set. */
  public Survivor withRiskLevel(org.voz.safety.RiskLevel newLevel) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, newLevel, representative, adultNoted, retention);
  }

  /** The record with this representative ({@code null}: none). */
  public Survivor withRepresentative(Representative newRepresentative) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, newRepresentative, adultNoted, retention);
  }

  /** The record with its coming of age noted on {@code day}. */
  public Survivor withAdultNoted(java.time.LocalDate day) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, day, retention);
  }

  /** The record with these retention facts. */
  public Survivor withRetention(Retention newRetention) {
    return new Survivor(id, caseRef, language, caseManager, contacts, pinHash, consents, createdAt, ledgerHead, contactWindow, duressPinHash, requests, feedback, needsInterpreter, dateOfBirth, riskLevel, representative, adultNoted, newRetention);
  }

  /** Whether the survivor is a minor on {@code today} (by their date of birth; none: no). */
  public boolean minorOn(java.time.LocalDate today) {
    return org.voz.safety.Minor.isMinor(dateOfBirth, today);
  }

  /**
   * The level the record is treated as on {@code today}: the one staff set (low if none), raised to what its facts
   * demand (a minor is high, a survivor who needs an interpreter at least medium; {@link org.voz.safety.RiskLevel#floor}).
   */
  public org.voz.safety.RiskLevel risk(java.time.LocalDate today) {
    return org.voz.safety.RiskLevel.orLow(riskLevel).atLeast(floor(today));
  }

  /** What the record's facts demand at least on {@code today}, whatever staff set. */
  public org.voz.safety.RiskLevel floor(java.time.LocalDate today) {
    return org.voz.safety.RiskLevel.floor(org.voz.safety.Minor.isMinor(dateOfBirth, today), needsInterpreter);
  }

  /** The first contact Voz may write first on under {@code window}, if any. */
  public java.util.Optional<Contact> firstSafeContact(org.voz.safety.ContactWindow window) {
    return contacts.stream().filter(c -> window.allows(c.channel())).findFirst();
  }

  /** A channel address: {@code sms}/{@code whatsapp} with an E.164 number, {@code telegram} with a chat id. */
  public record Contact(String channel, String address) {}
}
