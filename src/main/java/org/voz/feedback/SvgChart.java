package org.voz.feedback;

/**
 * A horizontal bar chart of one question, as plain SVG text: {@code role="img"} with a {@code <title>} and
 * {@code <desc>}, a text label per bar, no script, no external reference. A suppressed cell is drawn as a
 * hatched box of one fixed width labelled {@code "<k"}: neither its length nor any attribute carries its
 * count. Visible bars are scaled to the largest visible count only.
 */
public final class SvgChart {

  private static final int WIDTH = 480;
  private static final int LABEL = 120;
  private static final int BAR_MAX = 280;
  private static final int ROW = 28;
  private static final int TOP = 36;
  private static final int HIDDEN_WIDTH = 40;

  private SvgChart() {}

  public static String render(String title, QuestionResult q, int k) {
    int rows = q.cells().size();
    int height = TOP + rows * ROW + 40;
    int max = q.cells().stream().filter(c -> !c.suppressed()).mapToInt(Cell::count).max().orElse(0);
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-labelledby=\"t d\" font-family=\"sans-serif\" font-size=\"13\">\n");
    s.append("<title id=\"t\">").append(xml(title)).append("</title>\n");
    s.append("<desc id=\"d\">").append(xml(description(q, k))).append("</desc>\n");
    s.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
        .append("<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#767676\" stroke-width=\"2\"/>")
        .append("</pattern></defs>\n");
    s.append("<text x=\"8\" y=\"20\" font-weight=\"bold\">").append(xml(title)).append("</text>\n");
    if (q.withheld() != null) {
      s.append("<text x=\"8\" y=\"").append(TOP + 16).append("\">").append(xml("Withheld: " + q.withheld())).append("</text>\n");
      return s.append("</svg>\n").toString();
    }
    for (int i = 0; i < rows; i++) {
      Cell c = q.cells().get(i);
      int y = TOP + i * ROW;
      s.append("<text x=\"8\" y=\"").append(y + 16).append("\">").append(xml(c.option())).append("</text>\n");
      if (c.suppressed()) {
        s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 2).append("\" width=\"").append(HIDDEN_WIDTH)
            .append("\" height=\"20\" fill=\"url(#hatch)\" stroke=\"#767676\"/>\n");
        s.append("<text x=\"").append(LABEL + HIDDEN_WIDTH + 6).append("\" y=\"").append(y + 16).append("\">")
            .append(xml(c.display(k))).append("</text>\n");
      } else {
        int w = max == 0 ? 0 : (int) Math.round((double) BAR_MAX * c.count() / max);
        s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 2).append("\" width=\"").append(w)
            .append("\" height=\"20\" fill=\"#2f5d8a\"/>\n");
        s.append("<text x=\"").append(LABEL + w + 6).append("\" y=\"").append(y + 16).append("\">").append(c.count()).append("</text>\n");
      }
    }
    String foot = "Total " + q.totalDisplay(k) + (q.mean() == null ? "" : ", mean " + q.mean())
        + ". <" + k + " = fewer than " + k + ", or hidden to protect one that is.";
    s.append("<text x=\"8\" y=\"").append(TOP + rows * ROW + 20).append("\" font-size=\"11\">").append(xml(foot)).append("</text>\n");
    return s.append("</svg>\n").toString();
  }

  private static String description(QuestionResult q, int k) {
    StringBuilder d = new StringBuilder("Answers per option: ");
    for (int i = 0; i < q.cells().size(); i++) {
      Cell c = q.cells().get(i);
      d.append(i == 0 ? "" : "; ").append(c.option()).append(' ').append(c.display(k));
    }
    return d.append(". Total ").append(q.totalDisplay(k)).append('.').toString();
  }

  static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
  }
}
