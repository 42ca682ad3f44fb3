/**
 * Feedback: surveys, answers, campaigns, and results that never expose a person. Pure: no I/O, no clock,
 * no randomness (an ArchUnit test says so).
 *
 * <h2>Suppression, exactly (k = 5 by default, at least 3)</h2>
 * <ol>
 *   <li><b>Atoms.</b> Per question, the filter dimensions language, programme and exit quarter are enabled
 *       in that order, each only if the cross-classification by the enabled dimensions leaves every
 *       non-empty group ("atom") with at least k respondents. A filter on a dimension not enabled is
 *       refused for that question (withheld). With no dimension enabled the one atom is everybody.</li>
 *   <li><b>Per atom</b> ({@link org.voz.feedback.RowSuppression}): n &lt; k hides everything; a cell with
 *       0 &lt; count &lt; k is hidden; then, while an attacker knowing the atom total, the visible cells, and
 *       which hidden cells are small ([1, k-1]) or complements ([k, n]) could narrow any hidden cell to one
 *       value, the smallest non-zero visible cell is hidden too; if none is left, the total is hidden.
 *       Multiple choice: an option picked, or not picked, by 1..k-1 people is hidden; the audit uses
 *       "everyone picked at least one".</li>
 *   <li><b>Every published table</b> (unfiltered or filtered) is the sum of the atoms it covers; a cell is
 *       shown only if it is visible in every one of them, a total only if every atom total is. So every
 *       published figure is a sum of figures that are safe on their own, and no difference of tables,
 *       filters or totals yields more than the atom audits allow.</li>
 *   <li>Every hidden figure shows the same {@code "<k"} (legend: fewer than k, or hidden so that a number
 *       under k cannot be worked out), so the label itself tells nothing about the size.</li>
 *   <li>The mean rating is shown only when every rating cell is visible (it then follows from them).</li>
 *   <li>Free text: unfiltered only, shared answers only, redacted, none that needs escalation, sorted by
 *       content, and only when at least k are shareable.</li>
 *   <li>Results open once, when the campaign closes, and the first reading freezes the answer set (the
 *       store refuses later answers): two readings that differ by a few answers would show those answers.</li>
 * </ol>
 */
package org.voz.feedback;
