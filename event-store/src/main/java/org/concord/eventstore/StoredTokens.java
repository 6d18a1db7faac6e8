package org.concord.eventstore;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far each segment of a processing group has got, as stored in the token store, read without claiming
 * anything: Axon's {@code TokenStore} can only read a token by claiming its segment, which a reader of the
 * progress (read-your-writes, the lag gauges, the query sides' fair shares) must not do. Whichever process
 * holds the segments, the stored order is the one every instance sees.
 */
public final class StoredTokens {

    private final MongoTemplate axonMongoTemplate;
    private final Serializer serializer;

    public StoredTokens(MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.axonMongoTemplate = axonMongoTemplate;
        this.serializer = serializer;
    }

    /** Each segment's stored token, null for a segment that has none yet; one query. */
    public List<TrackingToken> tokensOf(String processorName) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (Document entry : axonMongoTemplate.trackingTokensCollection().find(new Document("processorName", processorName))) {
            Integer segment = entry.getInteger("segment");
            if (segment == null || segment < 0) {
                continue;
            }
            Binary token = entry.get("token", Binary.class);
            if (token == null) {
                tokens.add(null);
                continue;
            }
            GenericTokenEntry<byte[]> stored = new GenericTokenEntry<>(token.getData(), entry.getString("tokenType"),
                    Instant.now().toString(), entry.getString("owner"), processorName, segment, byte[].class);
            tokens.add(stored.getToken(serializer));
        }
        return tokens;
    }

    /** How many segments the processing group has, 0 before its tokens were initialised. */
    public int segmentCount(String processorName) {
        return (int) axonMongoTemplate.trackingTokensCollection().countDocuments(
                new Document("processorName", processorName).append("segment", new Document("$gte", 0)));
    }
}
