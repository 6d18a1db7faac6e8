package org.concord.command.dispatch;

import org.concord.eventstore.AppendedPosition;

/** What a command handler returned, with the global position of the events its unit of work appended. */
record CommandOutcome(Object result, AppendedPosition appended) {
}
