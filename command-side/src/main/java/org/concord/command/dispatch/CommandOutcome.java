package org.concord.command.dispatch;

/** What a command handler returned, with the global position of the events its unit of work appended. */
record CommandOutcome(Object result, AppendedPosition appended) {
}
