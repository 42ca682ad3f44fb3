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
   * Fails at the first contact of {@code representative} (named {@code representative.contacts[i].address}) that is an
   * enrolled survivor's address: Voz finds who writes by their address, so a number that is a survivor's cannot also be
   * a representative's (their messages would open the survivor's conversation). The survivor's own contacts
   * ({@code own}, and whatever the index holds for {@code ownId}) are refused plainly (400); another survivor's the same
   * way as at enrolment (a conflict only for an admin or that survivor's case manager, else the one answer to a
   * contact that cannot be enrolled). Several minors may share one representative: their records are not survivors'
   * addresses, so that is allowed.
   */
  Future<Void> representativeFree(StaffMember caller, org.voz.consent.Representative representative,
      List<Survivor.Contact> own, String ownId) {
    return representative == null ? Future.succeededFuture()
        : representativeFree(caller, representative.contacts(), own, ownId, 0);
  }

  private Future<Void> representativeFree(StaffMember caller, List<Survivor.Contact> contacts,
      List<Survivor.Contact> own, String ownId, int index) {
    if (index == contacts.size()) {
      return Future.succeededFuture();
    }
    Survivor.Contact contact = contacts.get(index);
    String field = "representative.contacts[" + index + "].address";
    if (own.contains(contact)) {
      return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, OWN_CONTACT_CODE, OWN_CONTACT, field));
    }
    return survivors.idForAddress(contact.channel(), contact.address()).compose(claimed -> {
      if (claimed.isEmpty()) {
        return representativeFree(caller, contacts, own, ownId, index + 1);
      }
      if (claimed.get().equals(ownId)) {
        return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, OWN_CONTACT_CODE, OWN_CONTACT, field));
      }
      return survivors.find(claimed.get()).compose(holder -> holder.isEmpty()
          ? representativeFree(caller, contacts, own, ownId, index + 1)
          : Future.failedFuture(refused(caller, holder.get(), field)));
    });
  }

  /** The code of the refusal of a representative's contact that is the survivor's own. */
  static final String OWN_CONTACT_CODE = "representative_own_contact";

  /** The refusal of a representative's contact that is the survivor's own. */
  static final String OWN_CONTACT = "the survivor's own contact cannot be their representative's: give the "
      + "representative's own number";

  /**
   * Fails at the first of {@code contacts} (named {@code contacts[i].address}) that a minor's record names for their
   * representative, unless it is in {@code kept} (a contact the record already had): a survivor's address cannot be a
   * representative's too, whichever comes first. Refused as another survivor's contact is: a conflict only for an admin
   * or the case manager of one of those minors, for anyone else the one answer to a contact that cannot be enrolled.
   */
  Future<Void> notRepresentatives(StaffMember caller, List<Survivor.Contact> contacts, List<Survivor.Contact> kept) {
    return notRepresentatives(caller, contacts, kept, 0);
  }

  private Future<Void> notRepresentatives(StaffMember caller, List<Survivor.Contact> contacts,
      List<Survivor.Contact> kept, int index) {
    if (index == contacts.size()) {
      return Future.succeededFuture();
    }
    Survivor.Contact contact = contacts.get(index);
    if (kept.contains(contact)) {
      return notRepresentatives(caller, contacts, kept, index + 1);
    }
    String field = "contacts[" + index + "].address";
    return representedBy(contact).compose(minors -> minors.isEmpty()
        ? notRepresentatives(caller, contacts, kept, index + 1)
        : Future.failedFuture(representativeRefused(caller, minors, field)));
  }

  /** The records that name {@code contact} for their representative (the index's ids checked against each record). */
  Future<List<Survivor>> representedBy(Survivor.Contact contact) {
    return survivors.representatives().minors(contact.channel(), contact.address()).compose(ids -> {
      List<Survivor> out = new java.util.ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (String id : ids) {
        chain = chain.compose(v -> survivors.find(id).map(found -> {
          found.filter(s -> s.representative() != null && s.representative().contacts().contains(contact))
              .ifPresent(out::add);
          return null;
        }));
      }
      return chain.map(v -> out);
    });
  }

  private static Refusal representativeRefused(StaffMember caller, List<Survivor> minors, String field) {
    boolean theirs = caller.is(StaffMember.ADMIN) || minors.stream().anyMatch(m -> m.caseManager().equals(caller.id()));
    return theirs ? Refusal.conflict(field, "this contact is a minor's representative's") : Refusal.invalid(field, REFUSED);
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
