package org.concord.query.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The webhooks and their delivery logs in MongoDB, and the lease that lets one query-side process at a
 * time deliver to a webhook, so that its deliveries stay in order. Webhooks are configuration, not facts
 * of a consultation: they are not events and a rebuild of the read models leaves them alone.
 */
@Component
class WebhookStore {

    private final MongoCollection<Document> webhooks;
    private final WebhookProperties properties;

    WebhookStore(MongoDatabase concordDatabase, WebhookProperties properties) {
        this.webhooks = concordDatabase.getCollection("webhooks");
        this.properties = properties;
    }

    void add(Webhook webhook) {
        webhooks.insertOne(webhook.toDocument());
    }

    Optional<Webhook> find(String webhookId) {
        return Optional.ofNullable(webhooks.find(Filters.eq("_id", webhookId)).projection(new Document("deliveries", 0)).first())
                .map(Webhook::from);
    }

    List<Webhook> all() {
        List<Webhook> found = new ArrayList<>();
        webhooks.find().projection(new Document("deliveries", 0)).forEach(document -> found.add(Webhook.from(document)));
        return found;
    }

    /** The latest deliveries, newest last. */
    List<Document> deliveries(String webhookId) {
        Document found = webhooks.find(Filters.eq("_id", webhookId)).projection(new Document("deliveries", 1)).first();
        return found == null ? List.of() : found.getList("deliveries", Document.class);
    }

    boolean remove(String webhookId) {
        return webhooks.deleteOne(Filters.eq("_id", webhookId)).getDeletedCount() > 0;
    }

    /** Takes the webhook for {@code holder} until {@code until}, unless another process holds it. */
    boolean claim(String webhookId, String holder, Instant now, Instant until) {
        return webhooks.updateOne(Filters.and(Filters.eq("_id", webhookId), Filters.or(
                        Filters.eq("lease", null), Filters.eq("lease.holder", holder), Filters.lt("lease.until", Date.from(now)))),
                Updates.set("lease", new Document("holder", holder).append("until", Date.from(until)))).getModifiedCount() > 0;
    }

    void release(String webhookId, String holder) {
        webhooks.updateOne(Filters.and(Filters.eq("_id", webhookId), Filters.eq("lease.holder", holder)), Updates.set("lease", null));
    }

    /** Records a delivery the receiver accepted: the webhook has delivered everything up to {@code position}. */
    void delivered(String webhookId, long position, Document delivery) {
        webhooks.updateOne(Filters.eq("_id", webhookId), Updates.combine(
                Updates.max("deliveredUpTo", position), Updates.set("failures", 0), Updates.set("nextAttemptAt", null),
                log(delivery)));
    }

    /** Records that positions up to {@code position} held nothing for this webhook. */
    void skipped(String webhookId, long position) {
        webhooks.updateOne(Filters.eq("_id", webhookId), Updates.max("deliveredUpTo", position));
    }

    void failed(String webhookId, int failures, Instant nextAttemptAt, Document delivery) {
        webhooks.updateOne(Filters.eq("_id", webhookId), Updates.combine(
                Updates.set("failures", failures), Updates.set("nextAttemptAt", Date.from(nextAttemptAt)), log(delivery)));
    }

    void pause(String webhookId, String because) {
        webhooks.updateOne(Filters.eq("_id", webhookId), Updates.set("pausedBecause", because));
    }

    private org.bson.conversions.Bson log(Document delivery) {
        return Updates.pushEach("deliveries", List.of(delivery), new PushOptions().slice(-properties.keepDeliveries()));
    }
}
