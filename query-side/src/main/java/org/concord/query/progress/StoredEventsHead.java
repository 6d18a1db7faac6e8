package org.concord.query.progress;

/** How far the query side has seen the event store: the safe position its poller last read (feed/FeedTail). */
public interface StoredEventsHead {

    /** The position below which every stored event has been seen; read from memory. */
    long head();
}
