package org.concord.eventstore;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;

import java.util.List;
import java.util.Optional;

/**
 * Concord's token store: axon-mongo's {@link MongoTokenStore} with the one check it lacks. A claim through
 * {@link #fetchToken(String, Segment)} of a segment split or merged since the caller listed it is refused, as Axon's
 * JPA and JDBC token stores refuse it. Without the check, a pooled streaming processor that listed the segments just
 * before another node split or merged one would work the stale segment: events of a split-off half handled twice, or
 * those of a merged-in half never. Every other method is the {@code MongoTokenStore}'s own.
 */
final class SegmentCheckingTokenStore implements TokenStore {

    private final MongoTokenStore delegate;

    SegmentCheckingTokenStore(MongoTokenStore delegate) {
        this.delegate = delegate;
    }

    /**
     * Claims first, then checks: a node splits or merges only segments it holds the claim of, so the segments read
     * while this claim holds are the ones this claim covers.
     */
    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        int segmentId = segment.getSegmentId();
        TrackingToken token = delegate.fetchToken(processorName, segmentId);
        Segment current = Segment.computeSegment(segmentId, delegate.fetchSegments(processorName));
        if (current.getMask() != segment.getMask()) {
            delegate.releaseClaim(processorName, segmentId);
            throw new UnableToClaimTokenException(String.format(
                    "Unable to claim token '%s[%d]'. It has been %s since it was listed", processorName, segmentId,
                    current.getMask() > segment.getMask() ? "split" : "merged"));
        }
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return delegate.fetchToken(processorName, segment);
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
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.deleteToken(processorName, segment);
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
