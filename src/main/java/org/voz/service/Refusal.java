package org.voz.service;

/**
 * A use case refusing what it was asked, for a reason of the request (not a fault of ours): the edge that
 * asked answers it as the caller's error (the HTTP edge as a 4xx JSON error, see {@code web.ApiError}).
 */
public class Refusal extends RuntimeException {

  /** Why: each edge says it in its own terms. */
  public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, UNSUPPORTED, TOO_LARGE }

  private final Kind kind;
  private final String code;
  private final String field;

  /**
   * @param code  a stable machine-readable word ({@code invalid_request}, {@code already_enrolled}…)
   * @param field the input at fault, or {@code null}
   */
  public Refusal(Kind kind, String code, String message, String field) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.field = field;
  }

  public static Refusal notFound(String message) {
    return new Refusal(Kind.NOT_FOUND, "not_found", message, null);
  }

  public static Refusal invalid(String field, String message) {
    return new Refusal(Kind.INVALID, "invalid_request", message, field);
  }

  public static Refusal forbidden(String message) {
    return new Refusal(Kind.FORBIDDEN, "forbidden", message, null);
  }

  public static Refusal conflict(String field, String message) {
    return new Refusal(Kind.CONFLICT, "conflict", message, field);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
