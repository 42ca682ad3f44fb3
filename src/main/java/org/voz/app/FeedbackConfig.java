package org.voz.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.voz.service.campaigns.InvitationPace;

/**
 * The {@code feedback:} section: the safeguarding lead's webhook and terms, the co-design offer, the pace
 * of campaign invitations, and the "what we changed" updates.
 */
public record FeedbackConfig(Safeguarding safeguarding, Codesign codesign, InvitationPace invitations, Updates updates) {

  public FeedbackConfig {
    updates = updates == null ? new Updates(3) : updates;
    safeguarding = safeguarding == null ? new Safeguarding("", "", Map.of()) : safeguarding;
    codesign = codesign == null ? new Codesign(Map.of(), Duration.ofDays(365)) : codesign;
    invitations = invitations == null ? new InvitationPace(Duration.ofSeconds(30), 1) : invitations;
  }

  /**
   * @param terms language → terms that send a free-text answer to the lead; empty: the built-in terms
   */
  public record Safeguarding(String webhookUrl, String webhookSecret, Map<String, List<String>> terms) {
    public Safeguarding {
      webhookUrl = webhookUrl == null ? "" : webhookUrl;
      webhookSecret = webhookSecret == null ? "" : webhookSecret;
      terms = terms == null ? Map.of() : Map.copyOf(terms);
    }

    public org.voz.feedback.Safeguarding matcher() {
      return terms.isEmpty() ? org.voz.feedback.Safeguarding.defaults() : new org.voz.feedback.Safeguarding(terms);
    }
  }

  /** @param compensation language → what is offered, shown in the invitation; @param term how long the opt-in runs */
  public record Codesign(Map<String, String> compensation, Duration term) {
    public Codesign {
      compensation = compensation == null ? Map.of() : Map.copyOf(compensation);
      term = term == null ? Duration.ofDays(365) : term;
    }
  }

  /** @param perCampaign the most different updates a coordinator may publish on one campaign (an admin: any) */
  public record Updates(int perCampaign) {}
}
