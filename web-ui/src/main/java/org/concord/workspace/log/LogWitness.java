package org.concord.workspace.log;

import org.concord.verifier.Checkpoint;
import org.concord.verifier.Hex;
import org.concord.verifier.Keys;
import org.concord.verifier.Merkle;
import org.concord.workspace.WorkspaceProperties;
import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workspace as a witness of Concord's verifiable log: it checks the latest signed checkpoint with the log's
 * public key, and, once it has verified one, that each later one extends it (a consistency proof, RFC 9162), so
 * that its pages can say whether the record stands. The key is read from the API at the first check and kept for
 * the life of the process (trust on first use): a key the API changes afterwards does not verify. A check is made
 * at most every {@code concord.web.log-check-interval}; a page in between gets the last result at once, and a
 * page that finds it stale starts the next check without waiting for it.
 */
@Component
public class LogWitness {

    private static final Logger log = LoggerFactory.getLogger(LogWitness.class);
    private static final Caller WORKSPACE = Caller.anonymous(null, null);
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final GatewayApi api;
    private final Clock clock;
    private final Duration interval;
    private final AtomicReference<Seen> last = new AtomicReference<>();
    /** Read and written by one check at a time. */
    private volatile PublicKey key;
    private volatile Checkpoint verified;
    /** The check under way, shared by the pages that wait for it; null between checks. */
    private Mono<Seen> checking;

    public LogWitness(GatewayApi api, Clock clock, WorkspaceProperties properties) {
        this.api = api;
        this.clock = clock;
        this.interval = properties.logCheckInterval();
    }

    /** What a check found. */
    public enum Outcome {
        /** the latest checkpoint's signature is the log's, and it extends every one verified before */
        VERIFIED,
        /** the log has no checkpoint yet */
        NONE,
        /** the API did not answer, and no checkpoint was verified before */
        UNAVAILABLE,
        /** the latest checkpoint is not signed with the log's key */
        BAD_SIGNATURE,
        /** the latest checkpoint does not extend the one verified before: the record was rewritten */
        INCONSISTENT,
        /** the API's public key could not be read */
        BAD_KEY
    }

    /**
     * @param checkpoint the checkpoint judged (the one verified for VERIFIED), or null
     * @param verified   the latest checkpoint verified so far, or null
     */
    public record Seen(Outcome outcome, Checkpoint checkpoint, Checkpoint verified, Instant at) {
    }

    /** The consistency proof between two tree sizes, as {@code GET /api/log/proof/consistency} gives it. */
    record ConsistencyProof(long from, long to, String fromRoot, String toRoot, List<String> proof) {
    }

    /** The latest result: at once when there is one, else the first check's. */
    public Mono<Seen> latest() {
        Seen known = last.get();
        if (known != null && known.at().plus(interval).isAfter(clock.instant())) {
            return Mono.just(known);
        }
        Mono<Seen> check = checking();
        if (known == null) {
            return check;
        }
        check.subscribe();
        return Mono.just(known);
    }

    private synchronized Mono<Seen> checking() {
        if (checking == null) {
            checking = check().doOnNext(last::set).doFinally(signal -> checked()).cache();
        }
        return checking;
    }

    private synchronized void checked() {
        checking = null;
    }

    private Mono<Seen> check() {
        return api.get(WORKSPACE, uri -> uri.path("/api/log/checkpoints/latest").build(), Checkpoint.class)
                .flatMap(latest -> publicKey().flatMap(read -> read.map(known -> judge(known, latest))
                        .orElseGet(() -> Mono.just(seen(Outcome.BAD_KEY, latest)))))
                .onErrorResume(ApiProblem.class, problem -> Mono.just(problem.status() == 404 ? seen(Outcome.NONE, null) : standing()))
                .onErrorResume(error -> {
                    // an answer that could not be read says nothing either way; the pages must not fail for it
                    log.warn("Could not check the log's latest checkpoint: {}", error.toString());
                    return Mono.just(standing());
                });
    }

    /** The log's key, read once; empty inside when the API's cannot be read (a refusal, or no Ed25519 PEM). */
    private Mono<Optional<PublicKey>> publicKey() {
        PublicKey known = key;
        if (known != null) {
            return Mono.just(Optional.of(known));
        }
        return api.download(WORKSPACE, uri -> uri.path("/api/log/key").build(), PEM)
                .map(answer -> {
                    try {
                        key = Keys.readPublicPem(new String(answer.getBody() == null ? new byte[0] : answer.getBody(), StandardCharsets.UTF_8));
                        return Optional.of(key);
                    } catch (IllegalArgumentException e) {
                        return Optional.<PublicKey>empty();
                    }
                })
                .onErrorResume(ApiProblem.class, problem -> unanswered(problem) ? Mono.error(problem) : Mono.just(Optional.empty()));
    }

    private Mono<Seen> judge(PublicKey key, Checkpoint latest) {
        if (!latest.verify(key)) {
            return Mono.just(seen(Outcome.BAD_SIGNATURE, latest));
        }
        Checkpoint before = verified;
        if (before == null || before.treeSize() == 0) {
            return Mono.just(accept(latest));
        }
        if (latest.treeSize() <= before.treeSize()) {
            return Mono.just(latest.treeSize() == before.treeSize() && latest.rootHash().equalsIgnoreCase(before.rootHash())
                    ? accept(latest) : seen(Outcome.INCONSISTENT, latest));
        }
        return api.get(WORKSPACE, uri -> uri.path("/api/log/proof/consistency")
                        .queryParam("from", before.treeSize()).queryParam("to", latest.treeSize()).build(), ConsistencyProof.class)
                .map(proof -> grewFrom(before, latest, proof) ? accept(latest) : seen(Outcome.INCONSISTENT, latest))
                // a log that refuses to prove it grew from what it signed before has not shown that it did
                .onErrorResume(ApiProblem.class, problem -> unanswered(problem) ? Mono.error(problem)
                        : Mono.just(seen(Outcome.INCONSISTENT, latest)));
    }

    /** Whether the proof shows the tree of {@code latest} extends that of {@code before}, with the roots both signed. */
    private static boolean grewFrom(Checkpoint before, Checkpoint latest, ConsistencyProof proof) {
        try {
            List<byte[]> path = proof.proof() == null ? List.of() : proof.proof().stream().map(Hex::parse).toList();
            return Merkle.verifyConsistency(before.treeSize(), latest.treeSize(), Hex.parse(before.rootHash()),
                    Hex.parse(latest.rootHash()), path);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Seen accept(Checkpoint checkpoint) {
        verified = checkpoint;
        return seen(Outcome.VERIFIED, checkpoint);
    }

    /** No answer, or not now: nothing said about the log. */
    private static boolean unanswered(ApiProblem problem) {
        return problem.status() >= 500 || problem.status() == 429;
    }

    /** The API did not answer: the latest checkpoint verified still stands, if there is one. */
    private Seen standing() {
        Checkpoint before = verified;
        return before == null ? seen(Outcome.UNAVAILABLE, null) : seen(Outcome.VERIFIED, before);
    }

    private Seen seen(Outcome outcome, Checkpoint checkpoint) {
        return new Seen(outcome, checkpoint, verified, clock.instant());
    }
}
