package org.concord.messages.consultation;

/**
 * One numbered paragraph of a text. {@code provisionId} is stable across renumbering and rewording;
 * {@code label} is its number as printed ("1", "2.a", "2.a.i").
 */
public record Provision(String provisionId, String label, String text) {
}
