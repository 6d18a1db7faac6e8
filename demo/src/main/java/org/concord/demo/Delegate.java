package org.concord.demo;

/**
 * One delegate the demo registers: {@code key} names it in the script and in idempotency keys,
 * the other fields are the body of {@code POST /api/participants}.
 */
record Delegate(String key, String organisation, String stakeholderType, String country, String displayName,
                String role) {
}
