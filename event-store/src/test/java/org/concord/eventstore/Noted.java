package org.concord.eventstore;

/** The payload of every test event. */
public record Noted(String text) {
}
