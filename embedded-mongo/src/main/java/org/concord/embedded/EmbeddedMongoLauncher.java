package org.concord.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
        CountDownLatch stopping = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // before the file is closed, so that the close is not taken for H2's
            stopping.countDown();
            mongo.close();
        }, "embedded-mongo-stop"));
        if (!runsUntilStopped(mongo, stopping, Duration.ofSeconds(1))) {
            log.error("H2 closed the data file {} after an error (logged above): every request would now fail, so the embedded "
                    + "MongoDB stops. Start Concord again (./concord up); the file keeps what H2 had written.", mongo.file());
            System.exit(3);
        }
    }

    /**
     * Waits until {@code stopping} (counted down before the server is closed), looking every {@code every} whether H2
     * has closed the data file under the server, as it does after an error in its background writer: true once
     * stopping, false when the file was closed otherwise. A process that stays up then answers every request with
     * "This store is closed" while it looks alive to anyone who asks whether it runs; stopping it says plainly that it
     * must be started again.
     */
    static boolean runsUntilStopped(EmbeddedMongo mongo, CountDownLatch stopping, Duration every) throws InterruptedException {
        while (!stopping.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
            if (mongo.dataFileClosed() && stopping.getCount() > 0) {
                return false;
            }
        }
        return true;
    }

    /** A running embedded server; closing it flushes and closes the data file. */
    public static final class EmbeddedMongo implements AutoCloseable {
        private final MongoServer server;
        private final H2Backend h2;
        private final Path file;
        private final InetSocketAddress address;
        private final String password;

        private EmbeddedMongo(MongoServer server, H2Backend h2, Path file, InetSocketAddress address, String password) {
            this.server = server;
            this.h2 = h2;
            this.file = file;
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
            return new EmbeddedMongo(server, h2, file, address, password);
        }

        public int port() {
            return address.getPort();
        }

        Path file() {
            return file;
        }

        /** Whether H2 has closed the data file: on {@link #close}, or by itself after an error it could not recover from. */
        boolean dataFileClosed() {
            return h2.getMvStore().isClosed();
        }

        /** What H2 does to the file after such an error, for tests. */
        void closeDataFileAsAfterAnError() {
            h2.getMvStore().closeImmediately();
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
