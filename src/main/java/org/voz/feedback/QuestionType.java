package org.voz.feedback;

/** The kinds of question a survivor can answer by text. Every one can be skipped ("prefer not to say"). */
public enum QuestionType {
  RATING,
  SINGLE_CHOICE,
  MULTIPLE_CHOICE,
  YES_NO,
  FREE_TEXT
}
