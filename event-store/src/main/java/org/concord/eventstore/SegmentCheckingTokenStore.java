package org.concord.eventstore;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Concord's token store: axon-mongo's {@link MongoTokenStore} with the one check it lacks. A claim through
 * {@link #fetchToken(String, Segment)} of a segment split or merged since the caller listed it is refused, as Axon's
 * JPA and JDBC token stores refuse it. Without the check, a pooled streaming processor that listed the segments just
 * before another node split or merged one would work the stale segment: events of a split-off half handled twice, or
 * those of a merged-in half never.
 * <p>
 * It also writes an unchanged claim less often. An idle segment's processor extends its claim every
 * {@code claimExtensionThreshold} (50 ms on the query side, so that a read waiting for its write soon sees a moved
 * token; a moved token is stored, not extended, and is never held back here). Each extension was a write: some 170 a
 * second from an idle query side, each stored in the file before it was answered on the embedded default. A claim
 * this store wrote less than a fifth of the claim timeout ago is not written again: it holds for the whole timeout,
 * so no other process may take it over meanwhile, and a claim lost all the same is still refused at the next write.
 * Every other method is the {@code MongoTokenStore}'s own.
 */
final class SegmentCheckingTokenStore implements TokenStore {

    private final MongoTokenStore delegate;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    /** When this store last wrote its claim of a segment ({@link System#nanoTime}), by processor and segment. */
    private final Map<Claim, Long> written = new ConcurrentHashMap<>();

    private record Claim(String processorName, int segment) {
    }

    SegmentCheckingTokenStore(MongoTokenStore delegate, Duration claimTimeout) {
        this(delegate, claimTimeout, System::nanoTime);
    }

    SegmentCheckingTokenStore(MongoTokenStore delegate, Duration claimTimeout, LongSupplier nanoTime) {
        this.delegate = delegate;
        this.refreshNanos = claimTimeout.toNanos() / 5;
        this.nanoTime = nanoTime;
    }

    /**
     * Claims first, then checks: a node splits or merges only segments it holds the claim of, so the segments read
     * while this claim holds are the ones this claim covers.
     */
    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        int segmentId = segment.getSegmentId();
        TrackingToken token = fetchToken(processorName, segmentId);
        Segment current = Segment.computeSegment(segmentId, delegate.fetchSegments(processorName));
        if (current.getMask() != segment.getMask()) {
            releaseClaim(processorName, segmentId);
            throw new UnableToClaimTokenException(String.format(
                    "Unable to claim token '%s[%d]'. It has been %s since it was listed", processorName, segmentId,
                    current.getMask() > segment.getMask() ? "split" : "merged"));
        }
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = delegate.fetchToken(processorName, segment);
        claimWritten(processorName, segment);
        return token;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment)
            throws UnableToInitializeTokenException {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        delegate.storeToken(token, processorName, segment);
        claimWritten(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Long last = written.get(new Claim(processorName, segment));
        if (last != null && nanoTime.getAsLong() - last < refreshNanos) {
            return;
        }
        delegate.extendClaim(processorName, segment);
        claimWritten(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        written.remove(new Claim(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        written.remove(new Claim(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    private void claimWritten(String processorName, int segment) {
        written.put(new Claim(processorName, segment), nanoTime.getAsLong());
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
