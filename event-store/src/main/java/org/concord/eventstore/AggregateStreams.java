package org.concord.eventstore;

/**
 * What the store holds of one aggregate's events, asked cheaply: for a copy of an aggregate kept in memory
 * between commands, whether another process has changed it since.
 */
public interface AggregateStreams {

    /**
     * Whether an event of the aggregate with a sequence number above {@code sequenceNumber} is stored, or being
     * stored (its commit not yet whole). One lookup of the event right after it.
     */
    boolean holdsEventAfter(String aggregateIdentifier, long sequenceNumber);
}
