package org.voz.app;

import java.util.List;

/**
 * The plain pages of a one-time link: no script, no image, no outside resource, no name of anyone or of
 * any organisation; readable on the cheapest phone browser.
 */
final class DownloadHtml {

  private static final String STYLE = "body{font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em;"
      + "line-height:1.5}input,button{font-size:1.2em;padding:.4em;margin:.3em 0}table{border-collapse:collapse}"
      + "td,th{border:1px solid #999;padding:.2em .4em;text-align:left;vertical-align:top}";

  private DownloadHtml() {}

  /** The PIN prompt, with a line above it (e.g. "that PIN is not right"), or none. */
  static String pinForm(String language, String notice, String prompt, String button) {
    StringBuilder body = new StringBuilder();
    if (notice != null && !notice.isBlank()) {
      body.append("<p><strong>").append(escape(notice)).append("</strong></p>");
    }
    body.append("<form method=\"post\"><p><label for=\"pin\">").append(escape(prompt)).append("</label></p>")
        .append("<input id=\"pin\" name=\"pin\" type=\"password\" inputmode=\"numeric\" autocomplete=\"off\" ")
        .append("maxlength=\"12\" required> <button type=\"submit\">").append(escape(button)).append("</button></form>");
    return page(language, body.toString());
  }

  /** One or more lines of text, nothing else. */
  static String message(String language, List<String> lines) {
    StringBuilder body = new StringBuilder();
    lines.forEach(l -> body.append("<p>").append(escape(l)).append("</p>"));
    return page(language, body.toString());
  }

  static String page(String language, String body) {
    return "<!DOCTYPE html><html lang=\"" + escape(language) + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
        + "<title>&#8203;</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
