package org.concord.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many concurrent SSE subscribers of one consultation's feed through the gateway while comments are
 * posted: the time from each write's response to its delivery at every subscriber, whether any event
 * was missing or came twice, and the memory of the services under that load.
 */
final class FeedBenchmark {

    private final GatewayClient concord;
    private final URI gateway;
    private final ServiceUsage memory;
    private final int subscribers;
    private final int writes;
    private final Duration writeInterval;

    FeedBenchmark(Map<String, String> options) throws Exception {
        this.concord = GatewayClient.from(options);
        this.gateway = URI.create(options.getOrDefault("gateway", "http://localhost:8080"));
        this.memory = new ServiceUsage(GatewayClient.dataDir(options));
        this.subscribers = Integer.parseInt(options.getOrDefault("subscribers", "2000"));
        this.writes = Integer.parseInt(options.getOrDefault("writes", "200"));
        this.writeInterval = Duration.ofMillis(Long.parseLong(options.getOrDefault("write-interval-ms", "100")));
    }

    /** One subscriber's connection: when each position arrived, and how many arrived twice. */
    private static final class Subscriber implements Flow.Subscriber<String> {
        final Map<Long, Long> receivedAt = new ConcurrentHashMap<>();
        final AtomicInteger duplicates = new AtomicInteger();
        final CountDownLatch connected = new CountDownLatch(1);
        final AtomicLong lastId = new AtomicLong();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                long now = System.nanoTime();
                long position = Long.parseLong(line.substring(3).trim());
                if (receivedAt.putIfAbsent(position, now) != null) {
                    duplicates.incrementAndGet();
                }
                lastId.set(position);
                connected.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            connected.countDown();
        }

        @Override
        public void onComplete() {
            connected.countDown();
        }
    }

    String run() throws Exception {
        String drafter = concord.register("Feed benchmark secretariat " + Instant.now().toEpochMilli(), "INTERNATIONAL_ORGANISATION", "DRAFTER");
        String delegate = concord.register("Feed benchmark delegation " + Instant.now().toEpochMilli(), "STATE", "PARTICIPANT");
        String consultation = concord.post(drafter, "/api/consultations", Map.of("title", "Feed benchmark", "summary", "SSE fan-out",
                "visibility", "PUBLIC", "provisions", List.of(Map.of("label", "1", "text", "States should regulate spyware.")))).get("consultationId").asText();
        long opened = concord.post(drafter, "/api/consultations/" + consultation + "/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString())).get("position").asLong();

        memory.phase("idle");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        List<Subscriber> subscribed = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            Subscriber subscriber = new Subscriber();
            subscribed.add(subscriber);
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/consultations/" + consultation + "/feed?after=" + (opened - 1)))
                    .header("Accept", "text/event-stream").build();
            http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(subscriber));
        }
        int connected = 0;
        for (Subscriber subscriber : subscribed) {
            if (subscriber.connected.await(120, TimeUnit.SECONDS) && subscriber.receivedAt.containsKey(opened)) {
                connected++;
            }
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        memory.phase(subscribers + " subscribers, writing");

        long[] respondedAt = new long[writes];
        long[] positions = new long[writes];
        long writeStart = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            long due = writeStart + i * writeInterval.toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            positions[i] = concord.post(delegate, "/api/consultations/" + consultation + "/comments",
                    Map.of("body", "Comment " + i, "attribution", "ATTRIBUTED")).get("position").asLong();
            respondedAt[i] = System.nanoTime();
        }
        long last = positions[writes - 1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && subscribed.stream().anyMatch(s -> s.lastId.get() < last)) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        memory.phase("after");

        long[] delays = new long[subscribers * writes];
        int delivered = 0;
        int missing = 0;
        int duplicates = 0;
        for (Subscriber subscriber : subscribed) {
            duplicates += subscriber.duplicates.get();
            for (int i = 0; i < writes; i++) {
                Long at = subscriber.receivedAt.get(positions[i]);
                if (at == null) {
                    missing++;
                } else {
                    delays[delivered++] = Math.max(0, at - respondedAt[i]);
                }
            }
        }
        Latencies latencies = Latencies.of(Arrays.copyOf(delays, delivered));
        memory.close();
        return String.join("\n",
                "| subscribers connected | writes | deliveries | missing | duplicates | p50 ms | p95 ms | p99 ms | max ms |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                String.format(Locale.ROOT, "| %d of %d (in %.1f s) | %d, one every %d ms | %,d | %d | %d | %s | %s | %s | %s |", connected, subscribers,
                        connectSeconds, writes, writeInterval.toMillis(), delivered, missing, duplicates,
                        Latencies.cell(latencies.ms(0.50)), Latencies.cell(latencies.ms(0.95)), Latencies.cell(latencies.ms(0.99)),
                        Latencies.cell(latencies.maxMs())),
                "",
                "Resident memory, peak per phase (MiB):",
                "",
                memory.table());
    }
}
