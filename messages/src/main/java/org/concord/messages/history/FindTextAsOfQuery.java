package org.concord.messages.history;

import java.time.Instant;

/** A consultation's text as it stood at an instant: the version current then. */
public record FindTextAsOfQuery(String consultationId, Instant asOf) {
}
