package org.concord.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Concord's embedded default MongoDB: mongo-java-server on its H2 backend, persisting to one
 * file so that a restart keeps everything. Services reach it with the ordinary MongoDB driver, as the
 * user {@code concord} with the password this start wrote to {@link EmbeddedMongoSettings#credentialFile()}.
 */
public final class EmbeddedMongoLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoLauncher.class);

    private EmbeddedMongoLauncher() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        EmbeddedMongoSettings settings = EmbeddedMongoSettings.fromEnvironment(System.getenv(), args);
        EmbeddedMongo mongo;
        try {
            mongo = EmbeddedMongo.start(settings);
        } catch (IllegalStateException refused) {
            log.error(refused.getMessage());
            System.exit(2);
            return;
        }
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
        private final String password;

        private EmbeddedMongo(MongoServer server, InetSocketAddress address, String password) {
            this.server = server;
            this.address = address;
            this.password = password;
        }

        /**
         * Starts the server with a new random password, written (0600) to the settings' credential file before
         * the port opens: whoever sees the port open finds this start's password there.
         */
        public static EmbeddedMongo start(EmbeddedMongoSettings settings) throws IOException {
            Path file = settings.file().toAbsolutePath();
            Path dataDirectory = settings.dataDirectory().toAbsolutePath();
            if (file.startsWith(dataDirectory)) {
                OwnerOnlyFiles.prepareDirectory(dataDirectory);
            }
            OwnerOnlyFiles.prepareDirectory(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            OwnerOnlyFiles.writeAtomically(settings.credentialFile().toAbsolutePath(), password + "\n");
            ScramSha256Server scram = new ScramSha256Server(EmbeddedMongoSettings.USER, password);
            H2Backend h2 = new ConcordH2Backend(file.toString());
            OwnerOnlyFiles.restrict(file);
            MongoServer server = new MongoServer(new AuthenticatingBackend(h2, scram));
            server.bind(settings.host(), settings.port());
            InetSocketAddress address = server.getLocalAddress();
            // the password's file, never the password: logs are kept longer, and read by more people
            log.info("Embedded MongoDB listening on {}:{} with data in {}; user {}, this start's password in {}",
                    address.getHostString(), address.getPort(), file, EmbeddedMongoSettings.USER,
                    settings.credentialFile().toAbsolutePath());
            return new EmbeddedMongo(server, address, password);
        }

        public int port() {
            return address.getPort();
        }

        /** The connection string to this server with this start's credential, naming no database. */
        public String connectionString() {
            return "mongodb://" + EmbeddedMongoSettings.USER + ":" + password + "@" + address.getHostString() + ":"
                    + address.getPort();
        }

        @Override
        public void close() {
            log.info("Embedded MongoDB stopping");
            server.shutdown();
        }
    }
}
