package org.voz.service.casework;

import io.vertx.core.Future;
import java.util.List;
import org.voz.consent.Survivor;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;
import org.voz.store.SurvivorRepository;

/**
 * A contact address another survivor holds, refused so that a case manager learns nothing of other caseloads: a
 * conflict for an admin and for the case manager of the survivor who holds it; for anyone else the answer to a
 * contact that is not valid at all ({@link #REFUSED}, the field, 400). "Already enrolled" would tell a case manager
 * that a person they name is a client of the agency, someone else's. Enrolment and the upkeep of contacts share it.
 */
final class TakenContacts {

  /** The one message for a contact that cannot be enrolled, whatever the reason (the edges use it too). */
  static final String REFUSED = "this contact cannot be enrolled: check it (a phone number with its country code, e.g."
      + " +502 5555 0147, or as dialled in the programme's country; a Telegram chat id in digits), or ask an admin";

  private final SurvivorRepository survivors;

  TakenContacts(SurvivorRepository survivors) {
    this.survivors = survivors;
  }

  /**
   * Fails at the first of {@code contacts} (named {@code contacts[i].address}, {@code i} its index there) that a
   * survivor other than {@code own} holds. {@code orphansFree}: an address claimed by an enrolment that has no record
   * (crashed before its commit, or still under way) counts as free, as {@link SurvivorRepository#reserve} takes over
   * the first kind; after a claim failed it does not.
   */
  Future<Void> free(StaffMember caller, List<Survivor.Contact> contacts, String own, boolean orphansFree) {
    return free(caller, contacts, own, orphansFree, 0);
  }

  private Future<Void> free(StaffMember caller, List<Survivor.Contact> contacts, String own, boolean orphansFree,
      int index) {
    if (index == contacts.size()) {
      return Future.succeededFuture();
    }
    Survivor.Contact contact = contacts.get(index);
    String field = "contacts[" + index + "].address";
    return survivors.idForAddress(contact.channel(), contact.address()).compose(claimed ->
        claimed.isEmpty() || claimed.get().equals(own)
            ? free(caller, contacts, own, orphansFree, index + 1)
            : survivors.find(claimed.get()).compose(holder -> holder.isEmpty() && orphansFree
                ? free(caller, contacts, own, orphansFree, index + 1)
                : Future.failedFuture(refused(caller, holder.orElse(null), field))));
  }

  /**
   * After a claim failed ({@link SurvivorRepository.AddressTakenException}): the refusal of the contact another holds,
   * or, if it was let go meanwhile, one about the contacts as a whole.
   */
  <T> Future<T> afterFailedClaim(StaffMember caller, List<Survivor.Contact> contacts, String own) {
    return free(caller, contacts, own, false).compose(v -> Future.failedFuture(refused(caller, null, "contacts")));
  }

  /** {@code holder}: the survivor who has the address (null: not known, then only an admin sees the conflict). */
  static Refusal refused(StaffMember caller, Survivor holder, String field) {
    boolean theirs = caller.is(StaffMember.ADMIN) || holder != null && holder.caseManager().equals(caller.id());
    return theirs ? Refusal.conflict(field, "this contact is already enrolled") : Refusal.invalid(field, REFUSED);
  }
}
