package org.concord.workspace.log;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.concord.testing.MovableClock;
import org.concord.verifier.Checkpoint;
import org.concord.verifier.Hex;
import org.concord.verifier.Keys;
import org.concord.verifier.Merkle;
import org.concord.verifier.MerkleTree;
import org.concord.workspace.TestBundles;
import org.concord.workspace.WorkspaceProperties;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.RecordFooter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workspace checks the log's latest checkpoint through the gateway's API (a fake gateway here, answering
 * as docs/api.md says the log's endpoints do): the signature with the log's key, then that each later
 * checkpoint extends the one it verified; and its footer says what it found, a failure as a warning.
 */
class LogWitnessTest {

    private static final Instant SIGNED = Instant.parse("2026-12-06T02:15:43.120Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final KeyPair logKey = ed25519();
    private final MovableClock clock = new MovableClock();
    private final AtomicInteger latestAsked = new AtomicInteger();
    private HttpServer gateway;
    /** The log as the fake gateway holds it: its leaves, and the checkpoint it serves (none: 404). */
    private volatile List<byte[]> leaves = new ArrayList<>();
    private volatile Checkpoint latest;
    private LogWitness witness;

    @BeforeEach
    void startTheGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/log/key", exchange -> answer(exchange, 200, "application/x-pem-file", Keys.publicPem(logKey.getPublic())));
        gateway.createContext("/api/log/checkpoints/latest", exchange -> {
            latestAsked.incrementAndGet();
            Checkpoint served = latest;
            if (served == null) {
                answer(exchange, 404, "application/problem+json",
                        "{\"type\":\"urn:concord:problem:not-found\",\"status\":404,\"detail\":\"The log has no checkpoint yet.\"}");
            } else {
                answer(exchange, 200, "application/json", "{\"treeSize\":" + served.treeSize() + ",\"rootHash\":\"" + served.rootHash()
                        + "\",\"timestamp\":\"" + served.timestamp() + "\",\"signature\":\"" + served.signature() + "\"}");
            }
        });
        gateway.createContext("/api/log/proof/consistency", exchange -> {
            Map<String, Long> query = query(exchange.getRequestURI());
            MerkleTree tree = tree(leaves);
            long from = query.get("from");
            long to = query.get("to");
            String proof = Merkle.consistencyProof(tree, from, to).stream().map(hash -> "\"" + Hex.of(hash) + "\"")
                    .collect(Collectors.joining(",", "[", "]"));
            answer(exchange, 200, "application/json", "{\"from\":" + from + ",\"to\":" + to + ",\"fromRoot\":\"" + Hex.of(tree.root(from))
                    + "\",\"toRoot\":\"" + Hex.of(tree.root(to)) + "\",\"proof\":" + proof + "}");
        });
        gateway.start();
        witness = witness(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()));
    }

    @AfterEach
    void stopTheGateway() {
        gateway.stop(0);
    }

    @Test
    void a_checkpoint_signed_with_the_logs_key_is_shown_as_verified_in_both_languages() {
        grow(3, "a");
        sign(logKey);

        LogWitness.Seen seen = witness.latest().block();

        assertThat(seen.outcome()).isEqualTo(LogWitness.Outcome.VERIFIED);
        assertThat(seen.checkpoint()).isEqualTo(latest);
        RecordFooter english = RecordFooter.of(seen, TestBundles.formats(Locale.ENGLISH));
        assertThat(english.warning()).isFalse();
        assertThat(english.text()).startsWith("The record: 3 entries, signed 6 December 2026, 02:15:43 UTC, root "
                + latest.rootHash().substring(0, 8) + "…;");
        assertThat(english.keyHref()).isEqualTo("/api/log/key");
        assertThat(english.latestHref()).isEqualTo("/api/log/checkpoints/latest");
        assertThat(RecordFooter.of(seen, TestBundles.formats(Locale.FRENCH)).text())
                .startsWith("Le registre : 3 entrées, signé le 6 décembre 2026 à 02:15:43 UTC, racine " + latest.rootHash().substring(0, 8) + "…");
    }

    @Test
    void before_the_first_checkpoint_the_footer_says_there_is_none_yet() {
        LogWitness.Seen seen = witness.latest().block();

        assertThat(seen.outcome()).isEqualTo(LogWitness.Outcome.NONE);
        RecordFooter footer = RecordFooter.of(seen, TestBundles.formats(Locale.ENGLISH));
        assertThat(footer.warning()).isFalse();
        assertThat(footer.text()).isEqualTo("The record has no signed checkpoint yet: the log signs one within seconds of the first event.");
    }

    @Test
    void a_checkpoint_not_signed_with_the_logs_key_is_a_warning() {
        grow(3, "a");
        sign(ed25519());

        LogWitness.Seen seen = witness.latest().block();

        assertThat(seen.outcome()).isEqualTo(LogWitness.Outcome.BAD_SIGNATURE);
        RecordFooter footer = RecordFooter.of(seen, TestBundles.formats(Locale.ENGLISH));
        assertThat(footer.warning()).isTrue();
        assertThat(footer.text()).startsWith("the record’s latest checkpoint (3 entries, signed 6 December 2026, 02:15:43 UTC) does not carry a valid signature");
    }

    @Test
    void a_later_checkpoint_that_extends_the_verified_one_is_verified_and_one_that_rewrote_the_record_is_a_warning() {
        grow(3, "a");
        sign(logKey);
        assertThat(witness.latest().block().outcome()).isEqualTo(LogWitness.Outcome.VERIFIED);

        grow(2, "b");
        sign(logKey);
        clock.advance(INTERVAL);
        assertThat(checkedAgain().checkpoint().treeSize()).isEqualTo(5);
        assertThat(witness.latest().block().outcome()).isEqualTo(LogWitness.Outcome.VERIFIED);

        // the operator rewrites the second entry and signs a new tree with the log's own key
        List<byte[]> rewritten = new ArrayList<>(leaves);
        rewritten.set(1, Merkle.leafHash("changed".getBytes(StandardCharsets.UTF_8)));
        leaves = rewritten;
        grow(1, "c");
        sign(logKey);
        clock.advance(INTERVAL);
        LogWitness.Seen seen = checkedAgain();

        assertThat(seen.outcome()).isEqualTo(LogWitness.Outcome.INCONSISTENT);
        assertThat(seen.verified().treeSize()).isEqualTo(5);
        RecordFooter footer = RecordFooter.of(seen, TestBundles.formats(Locale.ENGLISH));
        assertThat(footer.warning()).isTrue();
        assertThat(footer.text()).contains("(6 entries, signed 6 December 2026, 02:15:43 UTC) does not extend the one this workspace verified earlier (5 entries)");
    }

    @Test
    void a_result_is_reused_for_the_interval_then_pages_get_it_at_once_while_the_next_check_runs() {
        grow(3, "a");
        sign(logKey);
        witness.latest().block();
        witness.latest().block();
        assertThat(latestAsked).hasValue(1);

        grow(1, "b");
        sign(logKey);
        clock.advance(INTERVAL);
        assertThat(witness.latest().block().checkpoint().treeSize()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> witness.latest().block().checkpoint().treeSize() == 4);
        assertThat(latestAsked).hasValue(2);
    }

    @Test
    void when_concord_does_not_answer_the_footer_says_so_and_a_checkpoint_verified_before_still_stands() {
        LogWitness unanswered = witness(URI.create("http://127.0.0.1:1"));
        LogWitness.Seen nothing = unanswered.latest().block();
        assertThat(nothing.outcome()).isEqualTo(LogWitness.Outcome.UNAVAILABLE);
        assertThat(RecordFooter.of(nothing, TestBundles.formats(Locale.ENGLISH)).text())
                .isEqualTo("The record could not be checked just now: Concord did not answer.");

        grow(3, "a");
        sign(logKey);
        Checkpoint verified = witness.latest().block().checkpoint();
        gateway.stop(0);
        clock.advance(INTERVAL);
        LogWitness.Seen seen = checkedAgain();

        assertThat(seen.outcome()).isEqualTo(LogWitness.Outcome.VERIFIED);
        assertThat(seen.checkpoint()).isEqualTo(verified);
    }

    /** The result of the check the next page starts, once it is done. */
    private LogWitness.Seen checkedAgain() {
        Instant before = clock.instant();
        witness.latest().block();
        await().atMost(Duration.ofSeconds(5)).until(() -> !witness.latest().block().at().isBefore(before));
        return witness.latest().block();
    }

    private LogWitness witness(URI gatewayUri) {
        WorkspaceProperties properties = new WorkspaceProperties(gatewayUri, Duration.ofSeconds(2), null, INTERVAL);
        return new LogWitness(new GatewayApi(WebClient.builder(), properties), clock, properties);
    }

    private void grow(int entries, String prefix) {
        List<byte[]> grown = new ArrayList<>(leaves);
        for (int i = 0; i < entries; i++) {
            grown.add(Merkle.leafHash((prefix + i).getBytes(StandardCharsets.UTF_8)));
        }
        leaves = grown;
    }

    private void sign(KeyPair key) {
        latest = Checkpoint.sign(leaves.size(), Hex.of(tree(leaves).root()), SIGNED.toString(), key.getPrivate());
    }

    private static MerkleTree tree(List<byte[]> leaves) {
        MerkleTree tree = new MerkleTree();
        leaves.forEach(tree::append);
        return tree;
    }

    private static Map<String, Long> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> Long.parseLong(pair[1])));
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
