package org.voz.conversation;

import org.voz.consent.ConsentView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.voz.consent.Receipts;

/**
 * The survivor's consents as the engine sees them during one step, and the consent actions.
 *
 * <p>Session variables (ids only, never personal text): {@code consent} the selected item's id,
 * {@code receipt} the receipt of the last change, {@code page} the first item of the page shown,
 * {@code deferred} the comma-separated ids of pending requests put off for this conversation.
 */
final class ConsentActions {

  /** The statuses a grant by chat may give: at once, or once the case manager confirms it. */
  static final java.util.Set<String> GRANT_STATUSES = java.util.Set.of("granted", "granted_pending_confirmation");
  /**
   * The statuses a survivor may revoke in the chat: every grant, a minor's still waiting for their representative
   * among them (revoking never waits).
   */
  static final java.util.Set<String> REVOCABLE = java.util.Set.of("granted", "granted_pending_confirmation",
      org.voz.consent.ConsentItem.PENDING_REPRESENTATIVE);

  static final String VAR_CONSENT = "consent";
  static final String VAR_RECEIPT = "receipt";
  static final String VAR_PAGE = "page";
  static final String VAR_DEFERRED = "deferred";

  private final Conversations conversations;
  private final String grantStatus;

  /** @param grantStatus what a grant by chat gives: {@code granted} or {@code granted_pending_confirmation} */
  ConsentActions(Conversations conversations, String grantStatus) {
    if (!GRANT_STATUSES.contains(grantStatus)) {
      throw new IllegalArgumentException("a grant by chat gives granted or granted_pending_confirmation");
    }
    this.conversations = conversations;
    this.grantStatus = grantStatus;
  }

  /** The consents with this step's changes applied. */
  static List<ConsentView> effective(Draft d, SurvivorView view) {
    if (d.changed.isEmpty()) {
      return view.consents();
    }
    return view.consents().stream()
        .map(c -> d.changed.containsKey(c.id())
            ? new ConsentView(c.id(), c.data(), c.recipient(), c.purpose(), c.until(), d.changed.get(c.id()))
            : c)
        .toList();
  }

  /** The consents a step lists: those in its statuses (every one when it names none). */
  static List<ConsentView> listed(ConsentStatuses step, Draft d, SurvivorView view) {
    return effective(d, view).stream()
        .filter(c -> step.statuses().isEmpty() || step.statuses().contains(c.status()))
        .toList();
  }

  /** The consent the conversation handles ({@code consent} variable), as it stands now. */
  static Optional<ConsentView> selected(Draft d, SurvivorView view) {
    String id = d.vars.get(VAR_CONSENT);
    return id == null ? Optional.empty() : effective(d, view).stream().filter(c -> id.equals(c.id())).findFirst();
  }

  static Set<String> deferred(Draft d) {
    String ids = d.vars.getOrDefault(VAR_DEFERRED, "");
    Set<String> out = new LinkedHashSet<>(Arrays.asList(ids.split(",")));
    out.remove("");
    return out;
  }

  /**
   * Runs one consent action of an option chosen at a step of {@code flowId} whose prompt was
   * {@code shown}. False when the selected consent is gone or no longer in the status the action needs
   * (changed meanwhile by staff or in another conversation): then nothing was done.
   */
  boolean run(Draft d, Action action, String flowId, String shown, SurvivorView view) {
    if (!d.verified) {
      return false;
    }
    return switch (action.name()) {
      case Action.REVOKE_CONSENT -> change(d, view, flowId, shown, REVOCABLE, "revoked");
      case Action.GRANT_CONSENT -> change(d, view, flowId, shown, java.util.Set.of("pending"), grantStatus(view));
      case Action.DECLINE_CONSENT -> change(d, view, flowId, shown, java.util.Set.of("pending"), "declined");
      case Action.DEFER_CONSENT -> defer(d, view);
      default -> true;
    };
  }

  /** What a grant by chat gives this survivor: a minor's waits for their representative, an adult's as configured. */
  private String grantStatus(SurvivorView view) {
    return view.minor() ? org.voz.consent.ConsentItem.PENDING_REPRESENTATIVE : grantStatus;
  }

  private boolean change(Draft d, SurvivorView view, String flowId, String shown, java.util.Set<String> fromAny,
      String to) {
    ConsentView c = selected(d, view).orElse(null);
    if (c == null || !fromAny.contains(c.status())) {
      return false;
    }
    String from = c.status();
    String receipt = Receipts.of(String.valueOf(view.survivorId()), c.id(), d.turn(), to);
    d.effects.addAll(ConsentChanges.of(Effect.ConsentChanged.of(c.id(), from, to).withReceipt(receipt).withShown(shown)
        .withFlow(flowId, flowVersion(flowId)), c));
    d.changed.put(c.id(), to);
    d.vars.put(VAR_RECEIPT, receipt);
    return true;
  }

  /**
   * The co-design invitation accepted: a new item (the offer's data, recipient and purpose) granted by the
   * survivor, with a receipt, its ledger event and the case manager's alert, like any grant. Nothing when
   * an item for that recipient and purpose is already granted.
   */
  void codesign(Draft d, SurvivorView view, CodesignOffer offer, String flowId, String shown) {
    boolean held = effective(d, view).stream().anyMatch(c -> offer.recipient().equals(c.recipient())
        && offer.purpose().equals(c.purpose()) && (REVOCABLE.contains(c.status()) || "pending".equals(c.status())));
    if (!d.verified || held) {
      d.vars.putIfAbsent(VAR_RECEIPT, "-"); // already in: nothing new to give a receipt for
      return;
    }
    String id = "codesign-" + d.turn();
    String granted = grantStatus(view);
    String receipt = Receipts.of(String.valueOf(view.survivorId()), id, d.turn(), granted);
    d.effects.add(new Effect.ConsentAdded(id, offer.data(), offer.recipient(), offer.purpose()));
    d.effects.addAll(ConsentChanges.of(Effect.ConsentChanged.of(id, "pending", granted).withReceipt(receipt)
        .withShown(shown).withFlow(flowId, flowVersion(flowId)),
        new ConsentView(id, offer.data(), offer.recipient(), offer.purpose(), "", "pending")));
    d.vars.put(VAR_RECEIPT, receipt);
  }

  private static boolean defer(Draft d, SurvivorView view) {
    ConsentView c = selected(d, view).orElse(null);
    if (c == null || !"pending".equals(c.status())) {
      return false;
    }
    Set<String> ids = deferred(d);
    ids.add(c.id());
    d.vars.put(VAR_DEFERRED, String.join(",", ids));
    return true;
  }

  /**
   * A reason the survivor offered for the last change: a ledger event {@code consent.reason} with the
   * consent, the change's receipt and the reason. Nothing when there was no change in this conversation.
   */
  void recordReason(Draft d, String reason, String flowId) {
    String consent = d.vars.get(VAR_CONSENT);
    String receipt = d.vars.get(VAR_RECEIPT);
    if (!d.verified || consent == null || receipt == null || reason.isBlank()) {
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("consentId", consent);
    fields.put("receipt", receipt);
    fields.put("reason", reason);
    fields.put("flow", flowId);
    fields.put("flowVersion", String.valueOf(flowVersion(flowId)));
    d.effects.add(new Effect.AppendLedger("consent.reason", fields));
  }

  private int flowVersion(String flowId) {
    try {
      return Integer.parseInt(conversations.flowVersion(flowId).strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
