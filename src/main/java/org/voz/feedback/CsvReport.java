package org.voz.feedback;

import java.util.List;

/**
 * {@link Results} as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted,
 * quotes doubled), with the same suppression: a suppressed figure is {@code "<k"} and never its number.
 * A field starting with {@code = + - @} or a tab gets a leading apostrophe, so that a spreadsheet does not
 * run a survivor's text as a formula.
 *
 * <p>Columns: {@code question,type,option,count,total,mean}; then one {@code text} row per shared answer.
 */
public final class CsvReport {

  private static final String CRLF = "\r\n";

  private CsvReport() {}

  public static String render(Results results) {
    int k = results.k();
    StringBuilder out = new StringBuilder();
    row(out, List.of("question", "type", "option", "count", "total", "mean"));
    for (QuestionResult q : results.questions()) {
      String type = q.type();
      if (q.withheld() != null) {
        row(out, List.of(q.questionId(), type, "", "", "", "withheld: " + q.withheld()));
        continue;
      }
      String mean = q.mean() == null ? "" : q.mean().toString();
      for (Cell c : q.cells()) {
        row(out, List.of(q.questionId(), type, c.option(), c.display(k), q.totalDisplay(k), mean));
      }
      for (String text : q.texts()) {
        row(out, List.of(q.questionId(), type, "text", text, "", ""));
      }
    }
    row(out, List.of("#", results.legend(), "", "", "", ""));
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    out.append(CRLF);
  }

  /** One field, RFC 4180-quoted when needed and defused against spreadsheet formulas. */
  public static String field(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9]+(\\.[0-9]+)?")) {
      v = "'" + v;
    }
    boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
