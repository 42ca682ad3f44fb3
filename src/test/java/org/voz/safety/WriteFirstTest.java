package org.voz.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.voz.safety.WriteFirst.Purpose;
import org.voz.safety.WriteFirst.Route;

@DisplayName("WriteFirst: whether and where Voz writes first, per risk level")
class WriteFirstTest {

  /** WhatsApp first, then SMS, as a survivor with one phone on both often is. */
  private static final List<String> CHANNELS = List.of("whatsapp", "sms");
  private static final ContactWindow ANY = window(List.of());
  private static final ContactWindow SMS_SAFE = window(List.of("sms"));
  private static final ContactWindow WHATSAPP_SAFE = window(List.of("whatsapp"));

  private static ContactWindow window(List<String> channels) {
    return new ContactWindow("America/Guatemala", LocalTime.of(8, 0), LocalTime.of(20, 0), channels);
  }

  private static Optional<Route> route(RiskPolicy policy, Purpose purpose, ContactWindow window, boolean own) {
    return WriteFirst.route(policy, purpose, CHANNELS, window, own);
  }

  @Nested
  @DisplayName("low (today's behaviour)")
  class Low {
    @Test
    @DisplayName("every purpose goes to the first safe contact; a WhatsApp message may fall back to SMS where SMS is safe")
    void everything() {
      for (Purpose purpose : Purpose.values()) {
        assertThat(route(RiskPolicy.LOW, purpose, ANY, false)).as(purpose.name()).contains(new Route(0, true));
        assertThat(route(RiskPolicy.LOW, purpose, SMS_SAFE, true)).as(purpose.name()).contains(new Route(1, true));
        assertThat(route(RiskPolicy.LOW, purpose, WHATSAPP_SAFE, true)).as(purpose.name()).contains(new Route(0, false));
      }
    }

    @Test
    @DisplayName("no contact on a safe channel: nothing is sent")
    void noSafeContact() {
      assertThat(WriteFirst.route(RiskPolicy.LOW, Purpose.REQUEST_NOTICE, List.of("telegram"), SMS_SAFE, true)).isEmpty();
      assertThat(WriteFirst.route(RiskPolicy.LOW, Purpose.REQUEST_NOTICE, List.of(), ANY, false)).isEmpty();
    }
  }

  @Nested
  @DisplayName("medium")
  class Medium {
    @Test
    @DisplayName("without a contact window of their own Voz does not write first; the case manager's notice still goes")
    void windowRequired() {
      assertThat(route(RiskPolicy.MEDIUM, Purpose.REQUEST_NOTICE, ANY, false)).isEmpty();
      assertThat(route(RiskPolicy.MEDIUM, Purpose.INVITATION, ANY, false)).isEmpty();
      assertThat(route(RiskPolicy.MEDIUM, Purpose.UPDATE, ANY, false)).isEmpty();
      assertThat(route(RiskPolicy.MEDIUM, Purpose.CASE_MANAGER, ANY, false)).contains(new Route(0, true));
      assertThat(route(RiskPolicy.MEDIUM, Purpose.REQUEST_NOTICE, ANY, true)).contains(new Route(0, true));
    }

    @Test
    @DisplayName("an invitation only on the channel marked safe (the first contact when none is), never falling back to SMS unless SMS is marked")
    void invitationOnTheSafeChannel() {
      assertThat(route(RiskPolicy.MEDIUM, Purpose.INVITATION, WHATSAPP_SAFE, true)).contains(new Route(0, false));
      assertThat(route(RiskPolicy.MEDIUM, Purpose.INVITATION, SMS_SAFE, true)).contains(new Route(1, true));
      assertThat(route(RiskPolicy.MEDIUM, Purpose.INVITATION, ANY, true)).as("none marked: the first contact, alone")
          .contains(new Route(0, false));
      assertThat(route(RiskPolicy.MEDIUM, Purpose.REQUEST_NOTICE, ANY, true)).as("a notice may still fall back")
          .contains(new Route(0, true));
      assertThat(WriteFirst.route(RiskPolicy.MEDIUM, Purpose.INVITATION, List.of("telegram"), SMS_SAFE, true)).isEmpty();
    }
  }

  @Nested
  @DisplayName("high")
  class High {
    @Test
    @DisplayName("Voz never writes first: no request notice, invitation or update, whatever the window")
    void nothingProactive() {
      for (ContactWindow window : List.of(ANY, SMS_SAFE, WHATSAPP_SAFE)) {
        assertThat(route(RiskPolicy.HIGH, Purpose.REQUEST_NOTICE, window, true)).isEmpty();
        assertThat(route(RiskPolicy.HIGH, Purpose.INVITATION, window, true)).isEmpty();
        assertThat(route(RiskPolicy.HIGH, Purpose.UPDATE, window, true)).isEmpty();
      }
    }

    @Test
    @DisplayName("what the case manager sends goes, on the safe channel, without an SMS fallback")
    void caseManagerOnly() {
      assertThat(route(RiskPolicy.HIGH, Purpose.CASE_MANAGER, ANY, false)).contains(new Route(0, false));
      assertThat(route(RiskPolicy.HIGH, Purpose.CASE_MANAGER, SMS_SAFE, true)).contains(new Route(1, false));
    }
  }
}
