package org.concord.query.feed;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.web.identity.CallerIdentity;

import java.time.Instant;
import java.util.Set;

/**
 * A webhook: where to deliver which events, for whom (the owner's identity at registration decides what
 * the deliveries may show), and how far delivery has got. The secret is kept to sign deliveries and is
 * never shown again. Stored as it is by the MongoDB driver's record codec, each field's name written once,
 * here; its document also holds the delivery log and the lease ({@link WebhookStore}). Public because the
 * codec reads it by reflection.
 */
public record Webhook(@BsonId String webhookId, CallerIdentity owner, String url, String secret, @Nullable String consultationId,
                      Set<String> types, Instant createdAt, @BsonProperty(DELIVERED_UP_TO) long deliveredUpTo,
                      @BsonProperty(FAILURES) int failures, @BsonProperty(NEXT_ATTEMPT_AT) @Nullable Instant nextAttemptAt,
                      @BsonProperty(PAUSED_BECAUSE) @Nullable String pausedBecause) {

    static final String DELIVERED_UP_TO = "deliveredUpTo";
    static final String FAILURES = "failures";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String PAUSED_BECAUSE = "pausedBecause";

    Feed.Subscription subscription() {
        return new Feed.Subscription(deliveredUpTo, consultationId, types, owner);
    }

    boolean dueAt(Instant now) {
        return pausedBecause == null && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }

    /** What the owner sees of it: everything but the secret. */
    View view() {
        return new View(webhookId, url, consultationId, types, createdAt, deliveredUpTo, failures, nextAttemptAt, pausedBecause);
    }

    record View(String webhookId, String url, @Nullable String consultationId, Set<String> types, Instant createdAt,
                long deliveredUpTo, int failures, @Nullable Instant nextAttemptAt, @Nullable String pausedBecause) {
    }

    /**
     * One try of a delivery, as the delivery log keeps it and its owner reads it: the event (position, type),
     * the attempt, when, the receiver's status or the error, how long it took, DELIVERED or FAILED.
     */
    public record Delivery(long position, String type, int attempt, Instant at, @Nullable Integer status, @Nullable String error,
                           long millis, String outcome) {
    }
}
