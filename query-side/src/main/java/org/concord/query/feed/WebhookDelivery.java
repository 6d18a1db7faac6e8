package org.concord.query.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.concord.query.participant.query.ParticipantProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientSecurityUtils;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers each webhook's events, in order, at least once: a POST of the event as the feeds show it to
 * the webhook's owner, signed {@code X-Concord-Signature: sha256=<HMAC-SHA256 of the body with the
 * webhook's secret>}. A delivery that fails (no answer, or not 2xx) is tried again after a wait that
 * doubles up to {@link WebhookProperties#maxRetry()}, and nothing after it is sent before it succeeds,
 * so a receiver that was down gets everything, in order, when it is back. Deliveries stop while the
 * owner's credential is revoked.
 * <p>
 * Metrics: {@code concord.webhook.deliveries} by {@code outcome} ({@code delivered}; {@code failed}, to be
 * tried again; {@code given_up}, when the owner's revocation stops a webhook with deliveries waiting), and
 * {@code concord.webhook.backlog}, the webhooks with deliveries waiting, as of the last look for due ones.
 */
@Component
class WebhookDelivery implements DisposableBean {

    static final String SIGNATURE = "X-Concord-Signature";
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final int EVENTS_PER_CLAIM = 500;

    private final WebhookStore store;
    private final WebhookAddresses addresses;
    private final FeedTail tail;
    private final ConsultationVisibility visibility;
    private final ParticipantProjection participants;
    private final WebhookProperties properties;
    private final JsonMapper jsonMapper;
    private final Clock clock = Clock.systemUTC();
    private final String holder = UUID.randomUUID().toString();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Counter delivered;
    private final Counter failed;
    private final Counter givenUp;
    private volatile int backlog;
    private final HttpClient http;
    private final ExecutorService deliverers;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    WebhookDelivery(WebhookStore store, FeedTail tail, ConsultationVisibility visibility, ParticipantProjection participants,
                    WebhookAddresses addresses, WebhookProperties properties, JsonMapper jsonMapper, MeterRegistry meterRegistry) {
        this.store = store;
        this.addresses = addresses;
        this.tail = tail;
        this.visibility = visibility;
        this.participants = participants;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.delivered = deliveries("delivered", meterRegistry);
        this.failed = deliveries("failed", meterRegistry);
        this.givenUp = deliveries("given_up", meterRegistry);
        Gauge.builder("concord.webhook.backlog", this, delivery -> delivery.backlog)
                .description("Webhooks with deliveries waiting: behind the feed or waiting to retry, and not paused")
                .register(meterRegistry);
        this.http = HttpClient.newConnection()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.requestTimeout().toMillis()))
                .responseTimeout(properties.requestTimeout())
                .followRedirect(false);
        this.deliverers = Executors.newFixedThreadPool(properties.threads(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::dispatch, every, every, TimeUnit.MILLISECONDS);
    }

    private static Counter deliveries(String outcome, MeterRegistry meterRegistry) {
        return Counter.builder("concord.webhook.deliveries")
                .description("Webhook deliveries tried, by outcome")
                .tag("outcome", outcome)
                .register(meterRegistry);
    }

    /** The signature header's value for a body: {@code sha256=} and the hex HMAC-SHA256 with the secret. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void dispatch() {
        try {
            Instant now = clock.instant();
            int waiting = 0;
            for (Webhook webhook : store.all()) {
                boolean pending = webhook.pausedBecause() == null
                        && (webhook.failures() > 0 || webhook.deliveredUpTo() < tail.head());
                if (pending) {
                    waiting++;
                }
                if (pending && webhook.dueAt(now) && inFlight.add(webhook.webhookId())) {
                    if (store.claim(webhook.webhookId(), holder, now, now.plus(properties.lease()))) {
                        deliverers.execute(() -> deliver(webhook.webhookId()));
                    } else {
                        inFlight.remove(webhook.webhookId());
                    }
                }
            }
            backlog = waiting;
        } catch (RuntimeException e) {
            if (!scheduler.isShutdown()) {
                log.warn("Could not look for due webhook deliveries; trying again", e);
            }
        }
    }

    /**
     * Delivers a claimed webhook's waiting events, from the webhook as stored now: the look that found it due
     * may be older than a delivery that failed meanwhile (and set its next attempt later), which a delivery from
     * that look would send again at once, as the same attempt. Package-private for the tests.
     */
    void deliver(String webhookId) {
        try {
            Optional<Webhook> current = store.find(webhookId);
            if (current.isEmpty() || !current.get().dueAt(clock.instant())) {
                return;
            }
            Webhook webhook = current.get();
            if (webhook.owner().participantId() != null && participants.isRevoked(webhook.owner().participantId())) {
                store.pause(webhook.webhookId(), "the owner's credential was revoked");
                givenUp.increment();
                return;
            }
            Feed.Subscription subscription = webhook.subscription();
            long cursor = webhook.deliveredUpTo();
            int failures = webhook.failures();
            int sent = 0;
            while (sent < EVENTS_PER_CLAIM && cursor < tail.head()) {
                FeedTail.Page page = tail.after(cursor, EVENTS_PER_CLAIM);
                for (FeedEvent event : page.events()) {
                    if (!subscription.wants(event, visibility)) {
                        continue;
                    }
                    if (!post(webhook, event, subscription, failures)) {
                        return;
                    }
                    failures = 0;
                    cursor = event.position();
                    sent++;
                }
                if (page.lastPosition() <= cursor) {
                    break;
                }
                cursor = page.lastPosition();
                store.skipped(webhook.webhookId(), cursor);
            }
        } catch (RuntimeException e) {
            log.warn("Delivering to webhook {} failed; it will be tried again", webhookId, e);
        } finally {
            store.release(webhookId, holder);
            inFlight.remove(webhookId);
        }
    }

    /** One delivery, after {@code failures} failed tries of it; true when the receiver took it. */
    private boolean post(Webhook webhook, FeedEvent event, Feed.Subscription subscription, int failures) {
        byte[] body = subscription.shown(event, jsonMapper).getBytes(StandardCharsets.UTF_8);
        Instant started = clock.instant();
        Integer status = null;
        String error;
        try {
            status = send(addresses.target(webhook.url()), webhook, event, body);
            error = status >= 200 && status < 300 ? null : "HTTP_" + status / 100 + "XX";
        } catch (WebhookAddresses.Refused refused) {
            error = refused.errorClass();
        } catch (RuntimeException e) {
            log.debug("Delivery to webhook {} failed", webhook.webhookId(), e);
            error = DeliveryError.of(e);
        }
        Webhook.Delivery delivery = new Webhook.Delivery(event.position(), event.type(), failures + 1, started, status, error,
                Duration.between(started, clock.instant()).toMillis(), error == null ? "DELIVERED" : "FAILED");
        if (error == null) {
            store.delivered(webhook.webhookId(), event.position(), delivery);
            delivered.increment();
            return true;
        }
        failed.increment();
        store.failed(webhook.webhookId(), failures + 1, clock.instant().plus(properties.backoff(failures + 1)), delivery);
        return false;
    }

    /**
     * POSTs the body to the checked address, never to the name again: the connection goes to
     * {@code target.address()}, which carries the host name for the Host header, TLS's server name and its
     * check of the certificate. Answers the receiver's status; its body is not read.
     */
    private int send(WebhookAddresses.Target target, Webhook webhook, FeedEvent event, byte[] body) {
        HttpClient client = http.remoteAddress(target::address);
        if (target.secure()) {
            client = client.secure(tls -> tls.sslContext(Http11SslContextSpec.forClient())
                    .handlerConfigurator(HttpClientSecurityUtils.HOSTNAME_VERIFICATION_CONFIGURER));
        }
        Integer status = client
                .headers(headers -> headers.set(HttpHeaderNames.HOST, target.host())
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(SIGNATURE, signature(webhook.secret(), body))
                        .set("X-Concord-Event", event.type())
                        .set("X-Concord-Position", Long.toString(event.position()))
                        .set("X-Concord-Webhook", webhook.webhookId()))
                .post()
                .uri(target.pathAndQuery())
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .response()
                .map(response -> response.status().code())
                .timeout(properties.requestTimeout().multipliedBy(3))
                .block();
        if (status == null) {
            throw new IllegalStateException("no answer");
        }
        return status;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        deliverers.shutdownNow();
    }
}
