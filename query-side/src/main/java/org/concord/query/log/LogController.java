package org.concord.query.log;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.Callable;

/**
 * The verifiable log (docs/api.md, Verifiable log; docs/trust.md): its key, signed checkpoints, inclusion and
 * consistency proofs, entries, receipts and the whole export. Anyone may call; what the caller may not see stays a
 * commitment.
 */
@Tag(name = "Verifiable log")
@RestController
@RequestMapping("/api/log")
class LogController {

    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final LogReader log;
    private final long retryAfterSeconds;

    LogController(LogReader log, LogProperties properties) {
        this.log = log;
        this.retryAfterSeconds = Math.max(1, (properties.checkpointInterval().toMillis() + 999) / 1000);
    }

    @Operation(operationId = "getLogKey", summary = "The Ed25519 public key that signs the log's checkpoints, PEM")
    @GetMapping(path = "/key", produces = "application/x-pem-file")
    Mono<ResponseEntity<String>> key() {
        return Mono.just(ResponseEntity.ok().contentType(PEM).body(log.publicKeyPem()));
    }

    @Operation(operationId = "getLogCheckpoints", summary = "Signed checkpoints in increasing tree size")
    @GetMapping(path = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LogViews.Checkpoints> checkpoints(@Parameter(description = "only checkpoints of a larger tree than this")
                                           @RequestParam(defaultValue = "0") long after,
                                           @Parameter(description = "at most this many (1 to 1000)")
                                           @RequestParam(defaultValue = "100") int limit) {
        if (after < 0) {
            throw ProblemException.invalid("after", "must be 0 or more");
        }
        if (limit < 1 || limit > LogReader.MAX_CHECKPOINTS) {
            throw ProblemException.invalid("limit", "must be from 1 to " + LogReader.MAX_CHECKPOINTS);
        }
        return blocking(() -> log.checkpoints(after, limit));
    }

    @Operation(operationId = "getLatestLogCheckpoint", summary = "The latest signed checkpoint; 404 before the first")
    @GetMapping(path = "/checkpoints/latest", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LogViews.CheckpointView> latestCheckpoint() {
        return blocking(() -> log.latestCheckpoint().orElseThrow(() -> ProblemException.notFound("The log has no checkpoint yet.")));
    }

    @Operation(operationId = "getLogInclusionProof", summary = "The audit path of the event at a position in a tree (RFC 9162)")
    @GetMapping(path = "/proof/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LogViews.InclusionProof> inclusion(ServerHttpResponse response, @RequestParam long position,
                                            @Parameter(description = "the tree's size; the latest checkpoint's when absent")
                                            @RequestParam(required = false) Long treeSize) {
        return retryWhenNotYetLogged(response, blocking(() -> log.inclusion(position, treeSize)));
    }

    @Operation(operationId = "getLogConsistencyProof", summary = "The proof that the tree of size from is a prefix of the tree of size to (RFC 9162)")
    @GetMapping(path = "/proof/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LogViews.ConsistencyProof> consistency(@RequestParam long from, @RequestParam long to) {
        return blocking(() -> log.consistency(from, to));
    }

    @Operation(operationId = "getLogEntries", summary = "The canonical entries of leaves from to to (leaf indexes, inclusive, at most 1000)")
    @GetMapping(path = "/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LogViews.Entries> entries(CallerIdentity caller, @RequestParam long from, @RequestParam long to) {
        return blocking(() -> log.entries(from, to, caller));
    }

    @Operation(operationId = "getLogReceipt", summary = "An event's entry, its inclusion proof and the first checkpoint that covers it")
    @GetMapping(path = "/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LogViews.Receipt> receipt(CallerIdentity caller, ServerHttpResponse response, @RequestParam long position) {
        return retryWhenNotYetLogged(response, blocking(() -> log.receipt(position, caller)));
    }

    @Operation(operationId = "exportLog", summary = "The whole log as JSON lines: every checkpoint, then every position's entry")
    @GetMapping(path = "/export", produces = "application/x-ndjson")
    ResponseEntity<Flux<String>> export(CallerIdentity caller) {
        return ResponseEntity.ok().contentType(NDJSON).cacheControl(CacheControl.noStore()).body(log.export(caller));
    }

    private static <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }

    private <T> Mono<T> retryWhenNotYetLogged(ServerHttpResponse response, Mono<T> answer) {
        return answer.doOnError(ProblemException.class, problem -> {
            if (LogReader.NOT_YET_LOGGED.equals(problem.type())) {
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            }
        });
    }
}
