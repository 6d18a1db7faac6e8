package org.concord.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Concord's embedded default MongoDB: mongo-java-server on its H2 backend, persisting to one
 * file so that a restart keeps everything. Services reach it with the ordinary MongoDB driver.
 */
public final class EmbeddedMongoLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoLauncher.class);

    private EmbeddedMongoLauncher() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        EmbeddedMongoSettings settings = EmbeddedMongoSettings.fromEnvironment(System.getenv(), args);
        EmbeddedMongo mongo = EmbeddedMongo.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "embedded-mongo-stop"));
        stopped.await();
    }

    /** A running embedded server; closing it flushes and closes the data file. */
    public static final class EmbeddedMongo implements AutoCloseable {
        private final MongoServer server;
        private final InetSocketAddress address;

        private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
            this.server = server;
            this.address = address;
        }

        public static EmbeddedMongo start(EmbeddedMongoSettings settings) throws IOException {
            Path file = settings.file().toAbsolutePath();
            Files.createDirectories(file.getParent());
            MongoServer server = new MongoServer(new H2Backend(file.toString()));
            server.bind(settings.host(), settings.port());
            InetSocketAddress address = server.getLocalAddress();
            log.info("Embedded MongoDB listening on mongodb://{}:{} with data in {}",
                    address.getHostString(), address.getPort(), file);
            return new EmbeddedMongo(server, address);
        }

        public int port() {
            return address.getPort();
        }

        @Override
        public void close() {
            log.info("Embedded MongoDB stopping");
            server.shutdown();
        }
    }
}
