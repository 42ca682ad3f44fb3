package org.voz.feedback;

/** One published figure: an option (or {@code skipped}) and its count, or no count when suppressed. */
public record Cell(String option, Integer count) {

  public boolean suppressed() {
    return count == null;
  }

  /** The count, or {@code "<k"} for a suppressed cell. */
  public String display(int k) {
    return count == null ? "<" + k : Integer.toString(count);
  }
}
