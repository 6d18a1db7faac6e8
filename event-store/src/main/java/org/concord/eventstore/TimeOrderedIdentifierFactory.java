package org.concord.eventstore;

import org.axonframework.common.IdentifierFactory;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's identifier factory in every Concord service (registered in {@code META-INF/services}): UUIDs
 * laid out as RFC 9562's version 7, whose text sorts by creation time. New event identifiers then land
 * at the end of the event store's unique index on them, as new positions do, instead of at random
 * places in it; on the embedded server's H2 backend that makes an append markedly cheaper, and keeps it
 * so as the store grows (docs/benchmarks.md). Uniqueness does not rest on this order: the unique index
 * guarantees it, whatever identifiers events carry.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final int COUNTER_BITS = 12;
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private final SecureRandom random = new SecureRandom();
    /** The last identifier's milliseconds and counter, {@code millis << 12 | counter}: never handed out twice, never decreasing. */
    private final AtomicLong lastStamp = new AtomicLong();

    @Override
    public String generateIdentifier() {
        long now = System.currentTimeMillis() << COUNTER_BITS;
        // a clock that steps back, or more than 4,096 identifiers in a millisecond, borrow from the next
        // milliseconds rather than break the order
        long stamp = lastStamp.accumulateAndGet(now, (last, current) -> Math.max(last + 1, current));
        long millis = stamp >>> COUNTER_BITS;
        long counter = stamp & ((1L << COUNTER_BITS) - 1);
        long mostSignificant = millis << 16 | VERSION_7 | counter;
        long leastSignificant = random.nextLong() >>> 2 | VARIANT_RFC;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
