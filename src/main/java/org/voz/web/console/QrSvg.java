package org.voz.web.console;

import io.nayuki.qrcodegen.QrCode;

/** A QR code as an inline SVG (no script, no style attribute, so the page's CSP holds): one path of dark modules. */
public final class QrSvg {

  private static final int BORDER = 4;

  private QrSvg() {}

  /** @param label the accessible name of the image */
  public static String of(String text, String label) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + BORDER * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" role=\"img\""
        + " aria-label=\"" + escape(label) + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        + "<path d=\"" + path + "\" fill=\"#000000\"/></svg>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
