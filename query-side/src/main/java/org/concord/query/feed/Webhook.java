package org.concord.query.feed;

import jakarta.annotation.Nullable;
import org.bson.Document;
import org.concord.web.identity.CallerIdentity;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A webhook: where to deliver which events, for whom (the owner's identity at registration decides what
 * the deliveries may show), and how far delivery has got. The secret is kept to sign deliveries and is
 * never shown again.
 */
record Webhook(String webhookId, CallerIdentity owner, String url, String secret, String consultationId, Set<String> types,
               Instant createdAt, long deliveredUpTo, int failures, Instant nextAttemptAt, String pausedBecause) {

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

    Document toDocument() {
        return new Document("_id", webhookId)
                .append("owner", new Document("participantId", owner.participantId()).append("organisation", owner.organisation())
                        .append("stakeholderType", owner.stakeholderType()).append("country", owner.country())
                        .append("displayName", owner.displayName()).append("roles", List.copyOf(owner.roles())))
                .append("url", url).append("secret", secret).append("consultationId", consultationId)
                .append("types", List.copyOf(types)).append("createdAt", Date.from(createdAt))
                .append("deliveredUpTo", deliveredUpTo).append("failures", failures)
                .append("nextAttemptAt", nextAttemptAt == null ? null : Date.from(nextAttemptAt))
                .append("pausedBecause", pausedBecause)
                .append("deliveries", List.of());
    }

    static Webhook from(Document document) {
        Document owner = document.get("owner", Document.class);
        Date next = document.getDate("nextAttemptAt");
        return new Webhook(document.getString("_id"),
                new CallerIdentity(owner.getString("participantId"), owner.getString("organisation"), owner.getString("stakeholderType"),
                        owner.getString("country"), owner.getString("displayName"), new HashSet<>(owner.getList("roles", String.class))),
                document.getString("url"), document.getString("secret"), document.getString("consultationId"),
                new HashSet<>(document.getList("types", String.class)), document.getDate("createdAt").toInstant(),
                ((Number) document.get("deliveredUpTo")).longValue(), document.getInteger("failures", 0),
                next == null ? null : next.toInstant(), document.getString("pausedBecause"));
    }
}
