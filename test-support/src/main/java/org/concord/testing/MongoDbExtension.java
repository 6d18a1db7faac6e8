package org.concord.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * Gives MongoDB to every test that needs one, from the first source that answers:
 * {@code CONCORD_TEST_MONGODB_URI}, else Testcontainers' MongoDB when a Docker engine answers,
 * else the embedded mongo-java-server. One server serves the whole test JVM; every call to
 * {@link #newDatabase()} (and every injected {@link TestMongoDatabase}) names a fresh database.
 */
public final class MongoDbExtension implements ParameterResolver {

    public static final String URI_VARIABLE = "CONCORD_TEST_MONGODB_URI";
    private static final Logger log = LoggerFactory.getLogger(MongoDbExtension.class);
    private static final String MONGO_IMAGE = "mongo:7.0";

    private static String serverUri;

    /** The base URI of the test MongoDB, without a database; started on first use. */
    public static synchronized String serverUri() {
        if (serverUri == null) {
            serverUri = startServer();
        }
        return serverUri;
    }

    /** A database no other test uses. */
    public static TestMongoDatabase newDatabase() {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new TestMongoDatabase(serverUri(), name);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == TestMongoDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return newDatabase();
    }

    private static String startServer() {
        String configured = System.getenv(URI_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            log.info("Test MongoDB: {} from {}", redact(configured), URI_VARIABLE);
            return stripDatabase(configured.trim());
        }
        if (dockerAnswers()) {
            MongoDBContainer container = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-mongodb-stop"));
            log.info("Test MongoDB: Testcontainers {} at {}", MONGO_IMAGE, container.getReplicaSetUrl());
            return stripDatabase(container.getConnectionString());
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "test-mongodb-stop"));
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        log.info("Test MongoDB: embedded mongo-java-server (no Docker engine answered) at {}", uri);
        return uri;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError notThere) {
            return false;
        }
    }

    private static String stripDatabase(String uri) {
        int schemeEnd = uri.indexOf("://") + 3;
        int slash = uri.indexOf('/', schemeEnd);
        if (slash < 0) {
            return uri;
        }
        int query = uri.indexOf('?', slash);
        return uri.substring(0, slash) + (query < 0 ? "" : "/" + uri.substring(query));
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }
}
