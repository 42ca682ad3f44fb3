package org.voz.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A feedback campaign: which survey, whom to invite (survivors who accept feedback requests, narrowed by
 * language, programme and exit date), from when, and the quiet hours (in each survivor's own time zone)
 * when no invitation may be sent. Sending the invitations is the outbox's job, not this record's.
 *
 * <p>Results open only at {@code closesAt}, once: figures that change while answers arrive let anyone who
 * compares two readings see the latest answers one by one (10 "yes" at 14:00, 11 at 14:05), which no cell
 * suppression prevents.
 */
public record Campaign(String id, String surveyId, Cohort cohort, Instant startAt, Instant closesAt,
    QuietHours quietHours, String createdBy, Instant createdAt) {

  public Campaign {
    if (id == null || !Question.CODE.matcher(id).matches()) {
      throw new IllegalArgumentException("a campaign id is a code");
    }
    if (surveyId == null || !Question.CODE.matcher(surveyId).matches()) {
      throw new IllegalArgumentException("a survey id is a code");
    }
    cohort = cohort == null ? new Cohort(List.of(), List.of(), null, null) : cohort;
    if (startAt == null || closesAt == null || !closesAt.isAfter(startAt)) {
      throw new IllegalArgumentException("a campaign needs a start time and a later closing time");
    }
  }

  /** Whether the results may be read at {@code now}. */
  public boolean closed(Instant now) {
    return !now.isBefore(closesAt);
  }

  /** Who is invited: empty lists mean any; exit dates inclusive, either may be open. */
  public record Cohort(List<String> languages, List<String> programmes, LocalDate exitedFrom, LocalDate exitedTo) {
    public Cohort {
      languages = languages == null ? List.of() : List.copyOf(languages);
      programmes = programmes == null ? List.of() : List.copyOf(programmes);
      if (exitedFrom != null && exitedTo != null && exitedTo.isBefore(exitedFrom)) {
        throw new IllegalArgumentException("exitedTo is before exitedFrom");
      }
    }

    public boolean includes(String language, String programme, LocalDate exited) {
      return (languages.isEmpty() || languages.contains(language))
          && (programmes.isEmpty() || programmes.contains(programme))
          && (exitedFrom == null || (exited != null && !exited.isBefore(exitedFrom)))
          && (exitedTo == null || (exited != null && !exited.isAfter(exitedTo)));
    }
  }

  /** No invitation between {@code from} and {@code to} local time; may wrap midnight (21:00–08:00). */
  public record QuietHours(LocalTime from, LocalTime to) {
    public boolean quietAt(LocalTime local) {
      if (from == null || to == null || from.equals(to)) {
        return false;
      }
      return from.isBefore(to)
          ? !local.isBefore(from) && local.isBefore(to)
          : !local.isBefore(from) || local.isBefore(to);
    }
  }
}
