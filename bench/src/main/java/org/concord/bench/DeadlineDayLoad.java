package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.concord.web.identity.CallerIdentity;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load phase of deadline day: the delegates' clients in a closed loop, each write retried with its
 * {@code Idempotency-Key} until it gets a definitive answer, the projection-lag sampler and, if asked, the
 * faults ({@link DeadlineDayFaults}). What it measured stays here for {@link DeadlineDayReport} and
 * {@link DeadlineDayChecks}.
 */
final class DeadlineDayLoad {

    static final List<String> KINDS = List.of("comment", "amendment", "support");
    static final long LAG_SAMPLE_MILLIS = 100;
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    /** A delegate: the token the gateway knows, and the identity the gateway would sign for it. */
    record Delegate(String token, CallerIdentity identity) {
    }

    /** One acknowledged write. {@code latencyNanos}: from its first attempt to its definitive answer. */
    record Write(String phase, String kind, String key, String target, long position, long latencyNanos, int attempts) {

        /** The simple name of the event the write recorded, as the feed names it. */
        String eventType() {
            return switch (kind) {
                case "comment" -> "CommentPosted";
                case "amendment" -> "AmendmentProposed";
                default -> "AmendmentSupported";
            };
        }
    }

    /**
     * Where a phase sends its writes (each a POST of {@code body}): the gateway with each delegate's token, or the
     * command side with a caller header signed for the write.
     */
    interface Route {
        HttpRequest.Builder request(Delegate delegate, String path, byte[] body);
    }

    /** The consultation under load: its id and its provisions' ids. */
    record Target(String consultationId, List<String> provisionIds) {
    }

    final String name;
    private final Route route;
    private final Target target;
    private final List<Delegate> delegates;
    private final DeadlineDayBenchmark.Options options;
    private final HttpClient http;
    private final AtomicBoolean stop = new AtomicBoolean();
    final Map<String, Write> acknowledged = new ConcurrentHashMap<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> retriesByCause = new ConcurrentHashMap<>();
    private final List<String> proposed = new CopyOnWriteArrayList<>();
    private final Map<String, String> authorOf = new ConcurrentHashMap<>();
    private final Set<String> supports = ConcurrentHashMap.newKeySet();
    private final AtomicReference<long[]> latestAck = new AtomicReference<>(new long[]{-1, 0});
    final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger lagsGivenUp = new AtomicInteger();
    final List<String> faults = new ArrayList<>();
    /** The readers' reads (--readers-per-writer), by page: the consultation, its history. */
    final Map<String, List<Long>> reads = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> readFailures = new ConcurrentHashMap<>();
    double seconds;

    DeadlineDayLoad(String name, Route route, Target target, List<Delegate> delegates,
                    DeadlineDayBenchmark.Options options, HttpClient http) {
        this.name = name;
        this.route = route;
        this.target = target;
        this.delegates = delegates;
        this.options = options;
        this.http = http;
    }

    /** Runs the load for {@code length}; with faults, until 5 s after the last service killed is back. */
    void run(Duration length, boolean withFaults) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(delegates.size() * (1 + options.readersPerWriter()) + 2);
        List<Future<?>> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (Delegate delegate : delegates) {
            clients.add(pool.submit(() -> client(delegate)));
            for (int i = 0; i < options.readersPerWriter(); i++) {
                clients.add(pool.submit(() -> reader(delegate)));
            }
        }
        Future<?> sampler = pool.submit(this::sampleLag);
        Future<List<String>> faulting = withFaults ? pool.submit(() -> new DeadlineDayFaults(options).run()) : null;
        TimeUnit.NANOSECONDS.sleep(length.toNanos());
        if (faulting != null) {
            faults.addAll(faulting.get());
            TimeUnit.SECONDS.sleep(5);
        }
        stop.set(true);
        for (Future<?> client : clients) {
            client.get();
        }
        seconds = (System.nanoTime() - start) / 1e9;
        sampler.get();
        pool.shutdownNow();
        System.err.printf("deadline-day: %s phase done, %d writes acknowledged in %.1f s%n", name, acknowledged.size(), seconds);
    }

    double perSecond() {
        return acknowledged.size() / seconds;
    }

    List<Write> writes(String kind) {
        return acknowledged.values().stream().filter(w -> w.kind().equals(kind)).toList();
    }

    Latencies latencies(String kind) {
        return Latencies.of(writes(kind).stream().mapToLong(Write::latencyNanos).toArray());
    }

    /** A delegate's loop: 20 % supports (of another's amendment, once each), 25 % amendments, the rest comments. */
    private void client(Delegate delegate) {
        String consultation = "/api/consultations/" + target.consultationId();
        List<String> provisionIds = target.provisionIds();
        think(options.thinkMillis());
        while (!stop.get()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int dice = random.nextInt(100);
            String key = UUID.randomUUID().toString();
            String candidate = proposed.isEmpty() ? null : proposed.get(random.nextInt(proposed.size()));
            if (dice < 20 && candidate != null && !delegate.token().equals(authorOf.get(candidate))
                    && supports.add(delegate.token() + candidate)) {
                write(delegate, "support", key, candidate, consultation + "/amendments/" + candidate + "/support", null);
            } else if (dice < 45) {
                write(delegate, "amendment", key, null, consultation + "/amendments", Map.of("kind", "REPLACE",
                        "provisionId", provisionIds.get(random.nextInt(provisionIds.size())), "baseVersion", 1,
                        "text", new GuidelineWording(new Random(random.nextLong())).provision(), "justification", "DD " + key));
            } else {
                Map<String, Object> comment = new HashMap<>(Map.of("body", "DD " + key,
                        "attribution", random.nextInt(3) == 0 ? "CHATHAM_HOUSE" : "ATTRIBUTED"));
                if (random.nextBoolean()) {
                    comment.put("provisionId", provisionIds.get(random.nextInt(provisionIds.size())));
                }
                write(delegate, "comment", key, null, consultation + "/comments", comment);
            }
            think(2 * options.thinkMillis());
        }
    }

    /**
     * A reader beside the writers (--readers-per-writer), with the token of the delegate it reads beside: through the
     * gateway, in turn the consultation's page and a page of 50 entries of its history, from 500 positions before the
     * latest acknowledged write (what someone following the negotiation reads), thinking
     * {@code --think-ms} after each read. Reads are not retried; a failed one (an error, or an answer other than 200)
     * is counted by cause.
     */
    private void reader(Delegate delegate) {
        String consultation = "/api/consultations/" + target.consultationId();
        boolean history = ThreadLocalRandom.current().nextBoolean();
        think(options.thinkMillis());
        while (!stop.get()) {
            String path = history ? consultation + "/history?limit=50&after=" + Math.max(0, latestAck.get()[0] - 500) : consultation;
            HttpRequest request = HttpRequest.newBuilder(options.gateway().resolve(path)).timeout(options.timeout())
                    .header("Authorization", "Bearer " + delegate.token()).GET().build();
            long begun = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    reads.computeIfAbsent(history ? "history" : "consultation", page -> Collections.synchronizedList(new ArrayList<>()))
                            .add(System.nanoTime() - begun);
                } else {
                    readFailures.computeIfAbsent(Integer.toString(response.statusCode()), cause -> new AtomicInteger()).incrementAndGet();
                }
            } catch (IOException e) {
                readFailures.computeIfAbsent(e.getClass().getSimpleName(), cause -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            history = !history;
            think(2 * options.thinkMillis());
        }
    }

    /**
     * A pause drawn uniformly from 0 to {@code upToMillis}: between requests up to twice the think time, its mean,
     * and once before a client's first request up to the think time. Clients that all paused exactly the think time,
     * having started together, would keep sending in waves (200 requests at once every 5 s), and the last of each
     * wave would wait for the rest of it on an otherwise idle machine.
     */
    private static void think(long upToMillis) {
        if (upToMillis > 0) {
            Bench.sleep(ThreadLocalRandom.current().nextLong(upToMillis + 1));
        }
    }

    /** Sends one write, with the same key, until it gets a definitive answer: 2xx, or a 4xx that is not "retry". */
    private void write(Delegate delegate, String kind, String key, String target, String path, Object body) {
        long start = System.nanoTime();
        long giveUp = start + GIVE_UP_AFTER.toNanos();
        for (int attempt = 1; System.nanoTime() < giveUp; attempt++) {
            byte[] bytes = body == null ? new byte[0] : json(body);
            HttpRequest.Builder request = route.request(delegate, path, bytes).timeout(options.timeout()).header("Idempotency-Key", key);
            if (body == null) {
                request.POST(HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                retry(e.getClass().getSimpleName());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                JsonNode answer = parse(response.body());
                long position = answer.get("position").asLong();
                long now = System.nanoTime();
                acknowledged.put(key, new Write(name, kind, key, target, position, now - start, attempt));
                latestAck.accumulateAndGet(new long[]{position, now}, (a, b) -> a[0] >= b[0] ? a : b);
                if (kind.equals("amendment")) {
                    String amendmentId = answer.get("amendmentId").asText();
                    authorOf.put(amendmentId, delegate.token());
                    proposed.add(amendmentId);
                }
                return;
            }
            if (status / 100 == 5 || status == 429 || (status == 409 && response.body().contains("idempotency-key-in-progress"))) {
                retry(status == 409 ? "409 in progress" : Integer.toString(status));
                continue;
            }
            refused.add(kind + " " + key + ": " + status + " " + response.body());
            return;
        }
        refused.add(kind + " " + key + ": no definitive answer within " + GIVE_UP_AFTER);
    }

    private void retry(String cause) {
        retriesByCause.computeIfAbsent(cause, c -> new AtomicInteger()).incrementAndGet();
        Bench.sleep(ThreadLocalRandom.current().nextLong(100, 400));
    }

    /**
     * Projection lag: every {@value #LAG_SAMPLE_MILLIS} ms, the latest acknowledged write not sampled yet is read
     * back with {@code ?minPosition=} its position (the query side holds the read until it has projected it, up to a
     * few seconds; a read that answers before then is sent again); the lag is from that write's 2xx to the answer
     * that says the read side caught up. Samples overlap, so a slow projection does not thin them out. Each sample
     * reads as the next delegate in turn: the query side holds at most a few waiting reads per participant and
     * refuses more with 429, so samples read as one participant (the drafter, until 2026-12-06) were refused and
     * sent again every 200 ms once the read side fell a few seconds behind, thousands of refusals a minute that
     * took the CPU the projections needed to catch up (docs/benchmarks.md, issue #17).
     */
    private void sampleLag() {
        long sampled = -1;
        int samples = 0;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        while (!stop.get()) {
            long[] latest = latestAck.get();
            if (latest[0] > sampled) {
                sampled = latest[0];
                Delegate reader = delegates.get(samples++ % delegates.size());
                pending.add(readBack(latest[0], latest[1], System.nanoTime() + TimeUnit.SECONDS.toNanos(60), reader));
            }
            Bench.sleep(LAG_SAMPLE_MILLIS);
        }
        pending.forEach(read -> {
            try {
                read.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // a read that failed is a sample lost, not a result
            }
        });
    }

    private CompletableFuture<Void> readBack(long position, long acknowledgedAt, long giveUp, Delegate reader) {
        HttpRequest request = HttpRequest.newBuilder(options.gateway().resolve("/api/consultations/" + target.consultationId()
                        + "?minPosition=" + position))
                .header("Authorization", "Bearer " + reader.token()).timeout(options.timeout()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure == null && response.statusCode() == 200
                    && response.headers().firstValue("X-Concord-Caught-Up").orElse("true").equals("true")) {
                lags.add(System.nanoTime() - acknowledgedAt);
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (System.nanoTime() > giveUp) {
                lagsGivenUp.incrementAndGet();
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (failure != null || response.statusCode() != 200) {
                Bench.sleep(200);
            }
            return readBack(position, acknowledgedAt, giveUp, reader);
        }).thenCompose(next -> next);
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }
}
