package org.voz.service.casework;

import java.util.List;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.conversation.Conversations;
import org.voz.service.Refusal;

/**
 * The codes of a consent item (its data, recipient and purpose) as they enter, at enrolment or in a consent request:
 * each must have its label in every language in the catalogue ({@code labels:} in conversations/system.yaml), or
 * survivors and staff would read the code itself. In production a code without one is refused, naming its field; in
 * development it is taken, with a WARN line naming the code (a code, never anything about the survivor).
 */
public final class ConsentCodes {

  /** The refusal's code: a consent code the catalogue has no label for. */
  public static final String UNLABELLED = "unlabelled_code";

  private static final Logger LOG = LoggerFactory.getLogger(ConsentCodes.class);

  private final BiPredicate<String, String> labelled;
  private final boolean production;

  /** @param labelled whether a code of a kind has its label in every language ({@link Conversations#labelled}) */
  public ConsentCodes(BiPredicate<String, String> labelled, boolean production) {
    this.labelled = labelled;
    this.production = production;
  }

  /**
   * Checks every item; {@code field} gives the name of the input of item i ({@code consents[i]} at enrolment, empty
   * for a single request) to which the kind's name is added.
   *
   * @throws Refusal in production, for the first code without its labels
   */
  public void check(List<ConsentItem> items, java.util.function.IntFunction<String> field) {
    for (int i = 0; i < items.size(); i++) {
      ConsentItem item = items.get(i);
      List<String> codes = List.of(item.data(), item.recipient(), item.purpose());
      for (int k = 0; k < Conversations.CONSENT_CODE_KINDS.size(); k++) {
        String kind = Conversations.CONSENT_CODE_KINDS.get(k);
        String code = codes.get(k);
        if (code == null || labelled.test(kind, code)) {
          continue;
        }
        if (production) {
          String prefix = field.apply(i);
          throw new Refusal(Refusal.Kind.INVALID, UNLABELLED, kind + " '" + code
              + "' has no label in every language: add it to labels: " + kind + ": in conversations/system.yaml"
              + " (GET /api/v1/labels lists the labelled codes)", prefix.isEmpty() ? kind : prefix + "." + kind);
        }
        LOG.warn("consent code without a label kind={} code={}", kind, code);
      }
    }
  }
}
