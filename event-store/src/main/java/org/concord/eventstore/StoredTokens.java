package org.concord.eventstore;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * For each of {@code processorNames}, in their order, each segment's stored token (null for a segment that has
     * none yet; an empty list for a group with no tokens): one query for them all, as read-your-writes polls them
     * every few milliseconds while a read waits.
     */
    public Map<String, List<TrackingToken>> tokensOf(Collection<String> processorNames) {
        Map<String, List<TrackingToken>> tokens = new LinkedHashMap<>();
        processorNames.forEach(name -> tokens.put(name, new ArrayList<>()));
        Document query = new Document("processorName", new Document("$in", List.copyOf(tokens.keySet())));
        for (Document entry : axonMongoTemplate.trackingTokensCollection().find(query)) {
            String processorName = entry.getString("processorName");
            Integer segment = entry.getInteger("segment");
            if (segment == null || segment < 0 || !tokens.containsKey(processorName)) {
                continue;
            }
            tokens.get(processorName).add(token(entry, processorName, segment));
        }
        return tokens;
    }

    private TrackingToken token(Document entry, String processorName, int segment) {
        Binary token = entry.get("token", Binary.class);
        if (token == null) {
            return null;
        }
        GenericTokenEntry<byte[]> stored = new GenericTokenEntry<>(token.getData(), entry.getString("tokenType"),
                Instant.now().toString(), entry.getString("owner"), processorName, segment, byte[].class);
        return stored.getToken(serializer);
    }

    /** How many segments the processing group has, 0 before its tokens were initialised. */
    public int segmentCount(String processorName) {
        return (int) axonMongoTemplate.trackingTokensCollection().countDocuments(
                new Document("processorName", processorName).append("segment", new Document("$gte", 0)));
    }
}
