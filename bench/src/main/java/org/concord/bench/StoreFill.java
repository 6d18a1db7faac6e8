package org.concord.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.EventPayloadMapper;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.eventstore.SnapshotSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@link SyntheticHistory} straight into a running Concord's event store, with Concord's own storage engine
 * and the services' serializer, after making sure that store is the one behind the gateway.
 */
final class StoreFill {

    private StoreFill() {
    }

    /**
     * The running Concord's MongoDB: {@code --mongodb-uri}, else {@code CONCORD_MONGODB_URI}, else the embedded one of
     * {@code ./concord up} on {@code CONCORD_EMBEDDED_MONGO_PORT} (27017), with the password of its current start that
     * it writes to {@code mongo/credential} in the data directory (none when that file is absent).
     */
    static String mongodbUri(Map<String, String> given) {
        String uri = given.getOrDefault("mongodb-uri", System.getenv("CONCORD_MONGODB_URI"));
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        Path credential = GatewayClient.dataDir(given).resolve("mongo").resolve("credential");
        String user = "";
        try {
            if (Files.isReadable(credential)) {
                user = "concord:" + Files.readString(credential).strip() + "@";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + credential, e);
        }
        return "mongodb://" + user + "127.0.0.1:" + System.getenv().getOrDefault("CONCORD_EMBEDDED_MONGO_PORT", "27017") + "/concord";
    }

    /**
     * A client of {@code mongodbUri} that gives up on a server it cannot reach after 3 s (a Concord whose MongoDB this
     * machine cannot reach), so that the figure it was for is reported as not measured rather than the run waiting.
     */
    static MongoClient quickClient(String mongodbUri) {
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(mongodbUri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(3, TimeUnit.SECONDS)).build());
    }

    /** The database named by a {@code mongodb://host:port/database} URI. */
    static String databaseName(String mongodbUri) {
        return Objects.requireNonNull(new ConnectionString(mongodbUri).getDatabase(), "--mongodb-uri must name the database");
    }

    /** Concord's storage engine on {@code database}, serializing as the services do. */
    static SequencedMongoEventStorageEngine engine(MongoDatabase database) {
        return SequencedMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer())
                .snapshotSerializer(SnapshotSerializer.of(EventPayloadMapper.create()))
                .build();
    }

    /**
     * Refuses to fill a store other than the running Concord's, such as another one on the default port:
     * a delegate registered through the gateway must be in it.
     */
    static void requireSameStore(GatewayClient gateway, SequencedMongoEventStorageEngine engine, String mongodbUri, String benchmark) {
        String registered = gateway.post(gateway.adminToken(), "/api/participants", Map.of("organisation", benchmark,
                        "stakeholderType", "ACADEMIA", "displayName", benchmark, "roles", List.of("OBSERVER")))
                .get("participantId").asText();
        if (!engine.readEvents(registered).hasNext()) {
            throw new IllegalStateException("The event store at " + mongodbUri + " is not the one behind the gateway: "
                    + "a delegate just registered there is not in it. Give the running Concord's --mongodb-uri or CONCORD_EMBEDDED_MONGO_PORT.");
        }
    }

    /**
     * The events' serializer as the services build it: Axon's Spring Boot auto-configuration with
     * {@code axon.serializer.events: jackson} makes a {@link JacksonSerializer} on the event store's
     * {@link EventPayloadMapper}, so what this writes the query side reads exactly as it reads the command side's.
     */
    static Serializer eventSerializer() {
        return JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(StoreFill.class.getClassLoader()))
                .objectMapper(EventPayloadMapper.create())
                .build();
    }
}
