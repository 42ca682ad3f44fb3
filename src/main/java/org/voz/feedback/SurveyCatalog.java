package org.voz.feedback;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The surveys campaigns can use: those the survey flows of {@code conversations/} define.
 */
public final class SurveyCatalog {

  private final Map<String, Survey> surveys = new TreeMap<>();

  public SurveyCatalog(List<Survey> surveys) {
    surveys.forEach(s -> this.surveys.put(s.id(), s));
  }

  public Optional<Survey> find(String id) {
    return Optional.ofNullable(surveys.get(id));
  }
}
