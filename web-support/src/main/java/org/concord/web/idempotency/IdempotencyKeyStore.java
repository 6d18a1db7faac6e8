package org.concord.web.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The {@code idempotency_keys} collection. The unique {@code _id} is the lock: whoever inserts a key
 * first runs the request. Every change is one single-document write, so a key is never half-written
 * even without transactions. Calls block; callers run them off the event loop.
 * <p>
 * A change of a claim is conditional on the key still being held ({@code _id}, {@code state} and
 * {@code claim} together). An index of exactly those fields serves it: the embedded server uses an index
 * only for a filter of exactly its fields, and without one it reads every key stored (24 hours of them)
 * to answer each write.
 */
class IdempotencyKeyStore {

    static final String COLLECTION = "idempotency_keys";
    static final String HELD_INDEX = "held";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String DONE = "DONE";

    private final MongoCollection<Document> keys;

    IdempotencyKeyStore(MongoDatabase concordDatabase) {
        this.keys = concordDatabase.getCollection(COLLECTION);
        keys.createIndex(Indexes.ascending("_id", "state", "claim"), new IndexOptions().name(HELD_INDEX).unique(true));
    }

    /** Claims a key not used before; false when it is already claimed. */
    boolean claim(String id, String requestHash, String claim, Instant now) {
        Document key = new Document("_id", id)
                .append("requestHash", requestHash)
                .append("state", IN_PROGRESS)
                .append("claim", claim)
                .append("createdAt", Date.from(now))
                .append("claimedAt", Date.from(now));
        try {
            keys.insertOne(key);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    Optional<IdempotencyKeyRecord> find(String id) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", id)).first()).map(IdempotencyKeyStore::toRecord);
    }

    /** Hands an abandoned claim to a new attempt; false when another attempt got there first or it finished. */
    boolean takeOver(String id, String abandonedClaim, String claim, Instant now) {
        return keys.updateOne(held(id, abandonedClaim),
                Updates.combine(Updates.set("claim", claim), Updates.set("claimedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }

    /** Stores the answer of the attempt holding the key; false when the key is no longer its own. */
    boolean complete(String id, String claim, StoredResponse response, Instant now) {
        Document stored = new Document("status", response.status())
                .append("location", response.location())
                .append("contentType", response.contentType())
                .append("body", new Binary(response.body()));
        return keys.updateOne(held(id, claim), Updates.combine(
                        Updates.set("state", DONE),
                        Updates.set("response", stored),
                        Updates.set("completedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }

    /** Frees the key of an attempt that failed, so that a retry runs the request again. */
    void release(String id, String claim) {
        keys.deleteOne(held(id, claim));
    }

    long deleteCreatedBefore(Instant cutoff) {
        return keys.deleteMany(Filters.lt("createdAt", Date.from(cutoff))).getDeletedCount();
    }

    /** One flat document, not {@code Filters.and}, which the driver writes as an {@code $and} no index serves. */
    static Bson held(String id, String claim) {
        return new Document("_id", id).append("state", IN_PROGRESS).append("claim", claim);
    }

    private static IdempotencyKeyRecord toRecord(Document key) {
        StoredResponse response = null;
        Document stored = key.get("response", Document.class);
        if (DONE.equals(key.getString("state")) && stored != null) {
            response = new StoredResponse(stored.getInteger("status"), stored.getString("location"),
                    stored.getString("contentType"), stored.get("body", Binary.class).getData());
        }
        return new IdempotencyKeyRecord(key.getString("_id"), key.getString("requestHash"), key.getString("claim"),
                key.getDate("claimedAt").toInstant(), response);
    }
}
