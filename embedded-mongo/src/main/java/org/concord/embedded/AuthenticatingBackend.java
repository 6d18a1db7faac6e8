package org.concord.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * mongo-java-server's backend behind SCRAM-SHA-256, which mongo-java-server itself does not offer: a connection
 * may say hello, ping and authenticate; everything else waits until it has proved it knows the password
 * (MongoDB's answer otherwise: code 13, Unauthorized). One user, with every right on every database.
 */
final class AuthenticatingBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatingBackend.class);
    private static final AttributeKey<Boolean> AUTHENTICATED = AttributeKey.valueOf("concord.authenticated");
    private static final AttributeKey<Conversation> CONVERSATION = AttributeKey.valueOf("concord.scram");
    // what MongoDB itself answers before authentication: the handshake (which also names the mechanisms), a
    // ping, and the authentication commands
    private static final Set<String> OPEN_COMMANDS = Set.of("hello", "ismaster", "ping", "saslstart", "saslcontinue");
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;

    private final MongoBackend backend;
    private final ScramSha256Server scram;

    AuthenticatingBackend(MongoBackend backend, ScramSha256Server scram) {
        this.backend = backend;
        this.scram = scram;
    }

    /** A SCRAM conversation under way on one connection; {@code verified} once the proof was accepted. */
    private record Conversation(int id, ScramSha256Server.Challenge challenge, boolean skipEmptyExchange,
                                boolean verified) {
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        Optional<Document> answered = answerBeforeBackend(message.getChannel(), command, query);
        if (answered.isPresent()) {
            return answered.get();
        }
        try {
            return withMechanisms(query, backend.handleMessage(message));
        } catch (MongoServerException failed) {
            return failure(command, message.getDatabaseName(), failed);
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Optional<Document> answered = answerBeforeBackend(channel, command, query);
        if (answered.isPresent()) {
            return answered.get();
        }
        try {
            return withMechanisms(query, backend.handleCommand(channel, database, command, query));
        } catch (MongoServerException failed) {
            return failure(command, database, failed);
        }
    }

    /**
     * The error as mongo-java-server would answer it, logged by command and code only: its own log line would
     * hold the whole command, and with it the documents written (webhook secrets, RESTRICTED texts).
     */
    private static Document failure(String command, String database, MongoServerException failed) {
        Document error = new Document("$err", failed.getMessageWithoutErrorCode());
        error.put("errmsg", failed.getMessageWithoutErrorCode());
        String codeName = "UnknownError";
        if (failed instanceof MongoServerError known) {
            error.put("code", known.getCode());
            error.putIfNotNull("codeName", known.getCodeName());
            codeName = known.getCodeName() == null ? "Location" + known.getCode() : known.getCodeName();
        }
        error.put("ok", 0);
        log.warn("{} on {} failed: {}", command, database, codeName);
        return error;
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "query");
        return backend.handleQuery(query);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "currentOp");
        return backend.getCurrentOperations(query);
    }

    /** Reached only by the legacy {@code serverStatus} query, which names no connection: refused to all. */
    @Override
    public Document getServerStatus() {
        throw new MongoServerError(UNAUTHORIZED, "Unauthorized", "serverStatus is not served over the legacy protocol");
    }

    private Optional<Document> answerBeforeBackend(Channel channel, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("saslstart")) {
            return Optional.of(saslStart(channel, query));
        }
        if (name.equals("saslcontinue")) {
            return Optional.of(saslContinue(channel, query));
        }
        if (!isAuthenticated(channel) && !OPEN_COMMANDS.contains(name)) {
            return Optional.of(error(UNAUTHORIZED, "Unauthorized", "command " + command + " requires authentication"));
        }
        return Optional.empty();
    }

    /** The handshake names the mechanism a driver should use when its connection string names none. */
    private static Document withMechanisms(Document query, Document response) {
        if (query.containsKey("saslSupportedMechs") && response != null) {
            response.put("saslSupportedMechs", List.of(ScramSha256Server.MECHANISM));
        }
        return response;
    }

    private Document saslStart(Channel channel, Document query) {
        channel.attr(CONVERSATION).set(null);
        if (!ScramSha256Server.MECHANISM.equals(query.get("mechanism"))) {
            return error(AUTHENTICATION_FAILED, "AuthenticationFailed",
                    "Unsupported mechanism; this server offers " + ScramSha256Server.MECHANISM);
        }
        Optional<ScramSha256Server.Challenge> challenge = payload(query).flatMap(scram::challenge);
        if (challenge.isEmpty()) {
            return authenticationFailed();
        }
        Object options = query.get("options");
        boolean skipEmptyExchange = options instanceof Document document
                && Boolean.TRUE.equals(document.get("skipEmptyExchange"));
        channel.attr(CONVERSATION).set(new Conversation(1, challenge.get(), skipEmptyExchange, false));
        return saslAnswer(1, false, challenge.get().serverFirst().getBytes(StandardCharsets.UTF_8));
    }

    private Document saslContinue(Channel channel, Document query) {
        Conversation conversation = channel.attr(CONVERSATION).getAndSet(null);
        if (conversation == null || !(query.get("conversationId") instanceof Number id) || id.intValue() != conversation.id()) {
            return authenticationFailed();
        }
        if (conversation.verified()) {
            // the empty exchange that closes the conversation for a client that did not ask to skip it
            channel.attr(AUTHENTICATED).set(true);
            return saslAnswer(conversation.id(), true, new byte[0]);
        }
        Optional<byte[]> serverFinal = payload(query).flatMap(proof -> scram.verify(conversation.challenge(), proof));
        if (serverFinal.isEmpty()) {
            return authenticationFailed();
        }
        if (conversation.skipEmptyExchange()) {
            channel.attr(AUTHENTICATED).set(true);
            return saslAnswer(conversation.id(), true, serverFinal.get());
        }
        channel.attr(CONVERSATION).set(new Conversation(conversation.id(), conversation.challenge(), false, true));
        return saslAnswer(conversation.id(), false, serverFinal.get());
    }

    private static Optional<byte[]> payload(Document query) {
        return query.get("payload") instanceof BinData data ? Optional.of(data.getData()) : Optional.empty();
    }

    private static Document saslAnswer(int conversationId, boolean done, byte[] payload) {
        Document answer = new Document("conversationId", conversationId);
        answer.put("done", done);
        answer.put("payload", new BinData(payload));
        answer.put("ok", 1.0);
        return answer;
    }

    private static Document authenticationFailed() {
        return error(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
    }

    private static Document error(int code, String codeName, String message) {
        Document error = new Document("ok", 0.0);
        error.put("errmsg", message);
        error.put("code", code);
        error.put("codeName", codeName);
        return error;
    }

    private static boolean isAuthenticated(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get());
    }

    private static void requireAuthenticated(Channel channel, String what) {
        if (!isAuthenticated(channel)) {
            throw new MongoServerError(UNAUTHORIZED, "Unauthorized", what + " requires authentication");
        }
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
