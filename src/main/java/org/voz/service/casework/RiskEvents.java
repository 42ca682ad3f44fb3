package org.voz.service.casework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voz.conversation.Effect;
import org.voz.safety.RiskLevel;
import org.voz.service.EffectWriter;

/**
 * What a change of a record's risk level writes: the ledger event {@code risk.changed} (the levels, the case
 * manager's reason, sealed like every ledger event), and, when the record becomes high, the alert
 * {@code risk.raised} for the case manager's supervisors ({@code "audience": "admin"}: Voz has no supervisor role,
 * so admins), with the levels only.
 */
final class RiskEvents {

  static final String CHANGED = EffectWriter.RISK_CHANGED;
  static final String RAISED = "risk.raised";

  private RiskEvents() {}

  /**
   * @param from   the level before ({@code null}: a new record)
   * @param reason the case manager's reason ({@code ""}: none, e.g. at enrolment)
   * @param source what changed it ({@code enrolment}, {@code riskLevel}, {@code dateOfBirth}, {@code needsInterpreter})
   */
  static List<Effect> changed(RiskLevel from, RiskLevel to, String reason, String source) {
    String before = from == null ? "" : from.code();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("from", before);
    fields.put("to", to.code());
    fields.put("reason", reason);
    fields.put("source", source);
    List<Effect> effects = new ArrayList<>();
    effects.add(new Effect.AppendLedger(CHANGED, fields));
    if (to == RiskLevel.HIGH && from != RiskLevel.HIGH) {
      effects.add(new Effect.RaiseAlert(RAISED, Map.of("from", before, "to", to.code(),
          EffectWriter.AUDIENCE, EffectWriter.ADMINS)));
    }
    return effects;
  }
}
