package org.voz.consent;

/** One consent item as the engine may show it, after the PIN. Dates are ISO-8601 ({@code 2027-06-30}). */
public record ConsentView(
    String id, String data, String recipient, String purpose, String until, String status) {}
