package org.concord.bench;

/** The payload of every benchmark event: about the size of a small domain event. */
public record BenchEvent(String aggregateId, long number, String text) {
}
