package org.voz.conversation;

import java.util.Objects;

/** One thing the validator found in conversations/. */
public record Finding(String file, int line, Severity severity, String message) {

  public enum Severity { ERROR, WARNING, INFO }

  public Finding {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static Finding error(Source at, String message) {
    return new Finding(at.file(), at.line(), Severity.ERROR, message);
  }

  public static Finding warning(Source at, String message) {
    return new Finding(at.file(), at.line(), Severity.WARNING, message);
  }

  public static Finding info(Source at, String message) {
    return new Finding(at.file(), at.line(), Severity.INFO, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return file + ":" + line + " " + severity.name().toLowerCase() + ": " + message;
  }
}
