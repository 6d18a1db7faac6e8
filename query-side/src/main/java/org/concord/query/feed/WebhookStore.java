package org.concord.query.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The webhooks and their delivery logs in MongoDB, and the lease that lets one query-side process at a
 * time deliver to a webhook, so that its deliveries stay in order. Webhooks are configuration, not facts
 * of a consultation: they are not events and a rebuild of the read models leaves them alone. One document
 * per webhook: the {@link Webhook} record's fields, its {@link DeliveryLog} and its {@link Lease}.
 */
@Component
class WebhookStore {

    private static final String ID = "_id";
    private static final String DELIVERIES = "deliveries";
    private static final String LEASE = "lease";
    private static final String OWNER_PARTICIPANT = "owner.participantId";

    private final MongoCollection<Webhook> webhooks;
    private final MongoCollection<DeliveryLog> logs;
    private final WebhookProperties properties;

    WebhookStore(MongoDatabase concordDatabase, WebhookProperties properties) {
        this.webhooks = concordDatabase.getCollection("webhooks", Webhook.class);
        this.logs = webhooks.withDocumentClass(DeliveryLog.class);
        this.properties = properties;
    }

    /** A webhook's latest deliveries, newest last. Public because the record codec reads it by reflection. */
    public record DeliveryLog(@BsonId String webhookId, @BsonProperty(DELIVERIES) @Nullable List<Webhook.Delivery> deliveries) {
    }

    /** Who delivers to a webhook, until when. Public because the record codec reads it by reflection. */
    public record Lease(@BsonProperty(HOLDER) String holder, @BsonProperty(UNTIL) Instant until) {

        static final String HOLDER = "holder";
        static final String UNTIL = "until";
    }

    void add(Webhook webhook) {
        webhooks.insertOne(webhook);
    }

    Optional<Webhook> find(String webhookId) {
        return Optional.ofNullable(webhooks.find(byId(webhookId)).projection(Projections.exclude(DELIVERIES)).first());
    }

    List<Webhook> all() {
        return webhooks.find().projection(Projections.exclude(DELIVERIES)).into(new ArrayList<>());
    }

    long countOwnedBy(String participantId) {
        return webhooks.countDocuments(Filters.eq(OWNER_PARTICIPANT, participantId));
    }

    /** The latest deliveries, newest last. */
    List<Webhook.Delivery> deliveries(String webhookId) {
        DeliveryLog found = logs.find(byId(webhookId)).projection(Projections.include(DELIVERIES)).first();
        return found == null || found.deliveries() == null ? List.of() : found.deliveries();
    }

    boolean remove(String webhookId) {
        return webhooks.deleteOne(byId(webhookId)).getDeletedCount() > 0;
    }

    /** Takes the webhook for {@code holder} until {@code until}, unless another process holds it. */
    boolean claim(String webhookId, String holder, Instant now, Instant until) {
        return webhooks.updateOne(Filters.and(byId(webhookId), Filters.or(Filters.eq(LEASE, null),
                        Filters.eq(LEASE + "." + Lease.HOLDER, holder), Filters.lt(LEASE + "." + Lease.UNTIL, now))),
                Updates.set(LEASE, new Lease(holder, until))).getModifiedCount() > 0;
    }

    void release(String webhookId, String holder) {
        webhooks.updateOne(Filters.and(byId(webhookId), Filters.eq(LEASE + "." + Lease.HOLDER, holder)), Updates.set(LEASE, null));
    }

    /** Records a delivery the receiver accepted: the webhook has delivered everything up to {@code position}. */
    void delivered(String webhookId, long position, Webhook.Delivery delivery) {
        webhooks.updateOne(byId(webhookId), Updates.combine(
                Updates.max(Webhook.DELIVERED_UP_TO, position), Updates.set(Webhook.FAILURES, 0),
                Updates.set(Webhook.NEXT_ATTEMPT_AT, null), log(delivery)));
    }

    /** Records that positions up to {@code position} held nothing for this webhook. */
    void skipped(String webhookId, long position) {
        webhooks.updateOne(byId(webhookId), Updates.max(Webhook.DELIVERED_UP_TO, position));
    }

    void failed(String webhookId, int failures, Instant nextAttemptAt, Webhook.Delivery delivery) {
        webhooks.updateOne(byId(webhookId), Updates.combine(
                Updates.set(Webhook.FAILURES, failures), Updates.set(Webhook.NEXT_ATTEMPT_AT, nextAttemptAt), log(delivery)));
    }

    void pause(String webhookId, String because) {
        webhooks.updateOne(byId(webhookId), Updates.set(Webhook.PAUSED_BECAUSE, because));
    }

    private Bson log(Webhook.Delivery delivery) {
        return Updates.pushEach(DELIVERIES, List.of(delivery), new PushOptions().slice(-properties.keepDeliveries()));
    }

    private static Bson byId(String webhookId) {
        return Filters.eq(ID, webhookId);
    }
}
