package org.concord.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
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
            mongo = EmbeddedMongo.start(settings, keepsPassword(System.getenv()));
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
                    + "MongoDB stops. Start it again (./concord restart embedded-mongo, or ./concord down and up); the file keeps "
                    + "what H2 had written.", mongo.file());
            System.exit(3);
        }
    }

    /**
     * Whether this start keeps the password of the last one ({@code CONCORD_EMBEDDED_MONGO_KEEP_PASSWORD=true}, as
     * {@code ./concord restart embedded-mongo} starts it): the services still running have it in their connection
     * string and reconnect by themselves. Otherwise every start makes a new one.
     */
    static boolean keepsPassword(Map<String, String> env) {
        String keep = env.getOrDefault("CONCORD_EMBEDDED_MONGO_KEEP_PASSWORD", "false").strip();
        return switch (keep) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new IllegalStateException(
                    "CONCORD_EMBEDDED_MONGO_KEEP_PASSWORD must be true or false, not '" + keep + "'");
        };
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
            return start(settings, false);
        }

        /**
         * Starts the server as {@link #start(EmbeddedMongoSettings)} does, but with {@code keepPassword} on the
         * password the credential file holds from the last start, when it holds one (else a new one, as without).
         */
        public static EmbeddedMongo start(EmbeddedMongoSettings settings, boolean keepPassword) throws IOException {
            Path file = settings.file().toAbsolutePath();
            Path dataDirectory = settings.dataDirectory().toAbsolutePath();
            if (file.startsWith(dataDirectory)) {
                OwnerOnlyFiles.prepareDirectory(dataDirectory);
            }
            OwnerOnlyFiles.prepareDirectory(file.getParent());
            Path credential = settings.credentialFile().toAbsolutePath();
            String password = keepPassword ? lastPassword(credential) : null;
            if (password == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                password = HexFormat.of().formatHex(random);
            } else {
                log.info("Keeping the password of the last start, in {}", credential);
            }
            OwnerOnlyFiles.writeAtomically(credential, password + "\n");
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

        /** The password a start wrote to the credential file (64 hexadecimal digits), or null if there is none. */
        private static String lastPassword(Path credential) throws IOException {
            if (!Files.isRegularFile(credential)) {
                log.warn("No password of the last start in {}: this start makes a new one", credential);
                return null;
            }
            String last = Files.readString(credential).strip();
            if (!last.matches("[0-9a-f]{64}")) {
                log.warn("{} holds no password as a start writes it: this start makes a new one", credential);
                return null;
            }
            return last;
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
