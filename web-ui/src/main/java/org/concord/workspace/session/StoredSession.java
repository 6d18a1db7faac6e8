package org.concord.workspace.session;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * A web session as the sessions collection stores it, one document per session id, read and written by the
 * MongoDB driver's record codec: each field's name is written once, here. Instants are stored as BSON dates,
 * {@code expireAt} for the TTL index. The attributes are keyed by their name with dots made underscores (a
 * field name had better not hold a dot); each keeps its real name beside its text. Public because the codec
 * reads it by reflection.
 */
public record StoredSession(@BsonId String id,
                            Instant createdAt,
                            Instant lastAccessedAt,
                            long maxInactiveSeconds,
                            @BsonProperty(EXPIRE_AT) Instant expireAt,
                            @Nullable Map<String, Attribute> attributes) {

    static final String ID = "_id";
    static final String EXPIRE_AT = "expireAt";

    /** One session attribute: its name and its text. */
    public record Attribute(String name, String value) {
    }
}
