package org.voz.feedback;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** A survey: an id and its questions in order. */
public record Survey(String id, List<Question> questions) {

  public Survey {
    if (id == null || !Question.CODE.matcher(id).matches()) {
      throw new IllegalArgumentException("a survey id is a code: " + id);
    }
    if (questions == null || questions.isEmpty()) {
      throw new IllegalArgumentException("survey " + id + " has no questions");
    }
    questions = List.copyOf(questions);
    if (new HashSet<>(questions.stream().map(Question::id).toList()).size() != questions.size()) {
      throw new IllegalArgumentException("survey " + id + " repeats a question id");
    }
  }

  public Optional<Question> question(String questionId) {
    return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
  }
}
