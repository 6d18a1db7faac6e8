package org.concord.messages.consultation;

/**
 * One change to the text. {@code provisionId} is the provision changed (for INSERT_AFTER, the one
 * the new provision follows); {@code newProvisionId}, {@code label} are set for INSERT_AFTER only;
 * {@code text} is null for DELETE.
 */
public record TextChange(ChangeKind kind, String provisionId, String newProvisionId, String label, String text) {
}
