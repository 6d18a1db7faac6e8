package org.concord.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.EventPayloadMapper;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.participant.query.ParticipantProjection;
import org.concord.query.readmodel.ReadModels;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.concord.web.identity.CallerIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Webhook deliveries to a real HTTP receiver: signed, in order, retried until the receiver takes them. */
class WebhookDeliveryTest {

    private static final Actor DRAFTER = new Actor("drafter", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor NGO = new Actor("ngo-delegate", "Rights Lab", StakeholderType.NGO);
    private static final CallerIdentity OBSERVER = new CallerIdentity("press-1", "Daily Press", "COMPANY", "DE", "Press", Set.of("OBSERVER"));
    private static final ObjectMapper JSON = EventPayloadMapper.create();
    private static final JsonMapper WEB_JSON = new JsonMapper();
    private static final String SECRET = "a-webhook-secret-of-some-length";

    private MongoClient client;
    private SequencedMongoEventStorageEngine eventStore;
    private WebhookStore store;
    private WebhookProperties properties;
    private ConsultationVisibility visibility;
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private FeedTail tail;
    private ParticipantProjection participants;
    private WebhookDelivery delivery;
    private HttpServer receiver;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refuseNext = new AtomicInteger();
    private int receiverPort;

    record Received(long position, String signature, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        MongoDatabase database = client.getDatabase(test.name());
        Serializer serializer = JacksonSerializer.builder().objectMapper(JSON).build();
        eventStore = SequencedMongoEventStorageEngine.builder().database(database).eventSerializer(serializer).snapshotSerializer(serializer).build();
        // the receivers listen on 127.0.0.1, on a free port
        properties = new WebhookProperties(List.of("127.0.0.0/8"), List.of("1024-65535"), 20, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(2), 2, Duration.ofSeconds(30), 1000);
        FeedProperties feed = new FeedProperties(Duration.ofMillis(20), Duration.ofSeconds(15), 100, 50, Duration.ofSeconds(60), "http://localhost", 10,
                Duration.ofMillis(20));
        visibility = new ConsultationVisibility(eventStore);
        tail = new FeedTail(eventStore, visibility, feed);
        store = new WebhookStore(database, properties);
        participants = new ParticipantProjection(new ReadModels(database));
        delivery = new WebhookDelivery(store, tail, visibility, participants, new WebhookAddresses(properties), properties, WEB_JSON,
                meterRegistry);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean refuse = refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!refuse) {
                received.add(new Received(Long.parseLong(exchange.getRequestHeaders().getFirst("X-Concord-Position")),
                        exchange.getRequestHeaders().getFirst(WebhookDelivery.SIGNATURE), new String(body)));
            }
            exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        delivery.destroy();
        tail.destroy();
        client.close();
    }

    @Test
    void each_delivery_is_signed_with_the_hmac_of_its_body() throws Exception {
        String id = register(OBSERVER, Set.of());
        eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 2));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
        for (Received delivery : received) {
            assertThat(delivery.signature()).isEqualTo(WebhookDelivery.signature(SECRET, delivery.body().getBytes()));
            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.get("position").asLong()).isEqualTo(delivery.position());
        }
        assertThat(WebhookDelivery.signature("another secret!!", received.get(0).body().getBytes())).isNotEqualTo(received.get(0).signature());
        assertThat(store.deliveries(id)).extracting(Webhook.Delivery::outcome).containsOnly("DELIVERED");
    }

    @Test
    void a_receiver_that_fails_gets_everything_in_order_once_it_takes_deliveries_again() {
        String id = register(OBSERVER, Set.of());
        refuseNext.set(3);
        eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 20));

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 22);
        assertThat(received).extracting(Received::position).isSorted().doesNotHaveDuplicates().hasSize(22);
        List<Webhook.Delivery> log = store.deliveries(id);
        assertThat(log.subList(0, 4)).extracting(d -> d.outcome() + " " + d.attempt())
                .containsExactly("FAILED 1", "FAILED 2", "FAILED 3", "DELIVERED 4");
        assertThat(log.get(0)).extracting(Webhook.Delivery::status, Webhook.Delivery::error).containsExactly(503, "HTTP_5XX");
        assertThat(deliveries("failed")).isEqualTo(3);
        // the receiver sees a delivery before the deliverer has counted it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deliveries("delivered")).isEqualTo(22));
        await().atMost(Duration.ofSeconds(5)).until(() -> meterRegistry.get("concord.webhook.backlog").gauge().value() == 0);
    }

    @Test
    void a_webhook_waiting_for_a_receiver_is_in_the_backlog() {
        register(OBSERVER, Set.of());
        receiver.stop(0);
        eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> meterRegistry.get("concord.webhook.backlog").gauge().value() == 1);
        assertThat(deliveries("delivered")).isZero();
    }

    @Test
    void deliveries_stopped_by_the_owners_revocation_count_as_given_up() {
        ParticipantProjection revoked = mock(ParticipantProjection.class);
        when(revoked.isRevoked(OBSERVER.participantId())).thenReturn(true);
        delivery.destroy();
        delivery = new WebhookDelivery(store, tail, visibility, revoked, new WebhookAddresses(properties), properties, WEB_JSON, meterRegistry);
        register(OBSERVER, Set.of());
        eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("given_up") == 1);
        assertThat(received).isEmpty();
        assertThat(store.all().get(0).pausedBecause()).contains("revoked");
    }

    private double deliveries(String outcome) {
        return meterRegistry.get("concord.webhook.deliveries").tag("outcome", outcome).counter().count();
    }

    @Test
    void a_receiver_that_is_down_gets_everything_in_order_when_it_is_back() {
        register(OBSERVER, Set.of());
        receiver.stop(0);
        eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 10));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.all().get(0).failures() >= 3);

        restartReceiverOn(receiverPort);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 12);
        assertThat(received).extracting(Received::position).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void an_owner_gets_only_the_events_it_may_see_of_the_types_it_asked_for() {
        register(OBSERVER, Set.of("CommentPosted"));
        eventStore.appendEvents(consultation("secret", Visibility.RESTRICTED, 3));
        eventStore.appendEvents(consultation("open", Visibility.PUBLIC, 2));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        await().during(Duration.ofMillis(500)).until(() -> received.size() == 2);
        assertThat(received).extracting(r -> r.body()).allSatisfy(body -> assertThat(body).contains("\"consultationId\":\"open\"")
                .contains("CommentPosted"));
    }

    @Test
    void a_delivery_from_an_older_look_sends_nothing_before_the_next_attempt_is_due() {
        // as a look listed it before a delivery failed: the store now says the next attempt is in an hour
        String id = UUID.randomUUID().toString();
        store.add(new Webhook(id, OBSERVER, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", SECRET, null, Set.of(),
                Instant.now(), tail.head(), 1, Instant.now().plusSeconds(3600), null));
        eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> tail.head() > 0);

        delivery.deliver(id);

        assertThat(received).as("sent again at once, as the same attempt").isEmpty();
        assertThat(store.deliveries(id)).isEmpty();
    }

    @Test
    void a_delivery_connects_to_the_address_it_checked_even_when_the_name_resolves_elsewhere_a_moment_later() throws Exception {
        // the receiver on 127.0.0.2 may be called; the service on 127.0.0.1, at the same port, may not
        HttpServer internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = internal.getAddress().getPort();
        HttpServer checked = HttpServer.create(new InetSocketAddress("127.0.0.2", port), 0);
        List<String> internalGot = Collections.synchronizedList(new ArrayList<>());
        List<String> checkedGot = Collections.synchronizedList(new ArrayList<>());
        for (var server : List.of(internal, checked)) {
            List<String> got = server == internal ? internalGot : checkedGot;
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                got.add(exchange.getRequestHeaders().getFirst("Host"));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }
        // a name whose first answer passes the check and whose every later answer is the internal service
        AtomicInteger lookUps = new AtomicInteger();
        WebhookAddresses.Resolver rebinding = host -> new InetAddress[]{
                InetAddress.getByName(lookUps.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")};
        WebhookProperties onlyTheReceiver = new WebhookProperties(List.of("127.0.0.2/32"), List.of("1024-65535"), 20,
                Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2), 2, Duration.ofSeconds(30), 1000);
        delivery.destroy();
        delivery = new WebhookDelivery(store, tail, visibility, participants,
                new WebhookAddresses(onlyTheReceiver, rebinding), onlyTheReceiver, WEB_JSON, meterRegistry);
        String id = UUID.randomUUID().toString();
        store.add(new Webhook(id, OBSERVER, "http://hooks.rebinding.test:" + port + "/hook", SECRET, null, Set.of("ConsultationCreated"),
                Instant.now(), tail.head(), 0, null, null));
        try {
            eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 0));

            await().atMost(Duration.ofSeconds(10)).until(() -> store.deliveries(id).size() == 1);
            assertThat(store.deliveries(id).get(0).outcome()).isEqualTo("DELIVERED");
            assertThat(internalGot).as("requests to the internal service").isEmpty();
            assertThat(checkedGot).containsExactly("hooks.rebinding.test:" + port);
            assertThat(lookUps).as("look-ups of the name").hasValue(1);
        } finally {
            internal.stop(0);
            checked.stop(0);
        }
    }

    @Test
    void the_log_names_the_kind_of_failure_and_never_quotes_what_the_service_at_the_url_said() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread greeter = new Thread(() -> {
                while (!service.isClosed()) {
                    try (Socket connection = service.accept()) {
                        connection.getOutputStream().write("SSH-2.0-OpenSSH_9.6 build-host-7\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            greeter.setDaemon(true);
            greeter.start();
            String id = UUID.randomUUID().toString();
            store.add(new Webhook(id, OBSERVER, "http://127.0.0.1:" + service.getLocalPort() + "/hook", SECRET, null, Set.of(),
                    Instant.now(), tail.head(), 0, null, null));
            eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 0));

            await().atMost(Duration.ofSeconds(10)).until(() -> !store.deliveries(id).isEmpty());
            Webhook.Delivery failed = store.deliveries(id).get(0);
            assertThat(failed.outcome()).isEqualTo("FAILED");
            assertThat(failed.status()).isNull();
            assertThat(failed.error()).isIn("BAD_RESPONSE", "CONNECTION_CLOSED");
        }
    }

    @Test
    void a_receiver_that_is_not_listening_is_logged_as_connection_refused() {
        String id = register(OBSERVER, Set.of());
        receiver.stop(0);
        eventStore.appendEvents(consultation("c-1", Visibility.PUBLIC, 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> !store.deliveries(id).isEmpty());
        assertThat(store.deliveries(id).get(0)).extracting(Webhook.Delivery::status, Webhook.Delivery::error)
                .containsExactly(null, "CONNECTION_REFUSED");
    }

    private String register(CallerIdentity owner, Set<String> types) {
        receiverPort = receiver.getAddress().getPort();
        String id = UUID.randomUUID().toString();
        store.add(new Webhook(id, owner, "http://127.0.0.1:" + receiverPort + "/hook", SECRET, null, types, Instant.now(), tail.head(), 0, null, null));
        return id;
    }

    private void restartReceiverOn(int port) {
        try {
            HttpServer restarted = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            restarted.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(Long.parseLong(exchange.getRequestHeaders().getFirst("X-Concord-Position")),
                        exchange.getRequestHeaders().getFirst(WebhookDelivery.SIGNATURE), new String(body)));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            restarted.start();
            receiver = restarted;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<EventMessage<?>> consultation(String id, Visibility visibility, int comments) {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(new GenericDomainEventMessage<>("Consultation", id, 0, new ConsultationCreatedEvent(id, "Code " + id, "A code", visibility,
                List.of(new Provision(id + "-p1", "1", "States should regulate spyware.")), ConsultationStatus.DRAFT, DRAFTER, 1)));
        events.add(new GenericDomainEventMessage<>("Consultation", id, 1,
                new RoundOpenedEvent(id, 1, Instant.now().plusSeconds(3600), DRAFTER)));
        for (int i = 0; i < comments; i++) {
            String commentId = id + "-k" + i;
            events.add(new GenericDomainEventMessage<>("Comment", commentId, 0, new CommentPostedEvent(commentId, id, null, null,
                    null, "Comment " + i, Attribution.ATTRIBUTED, 1, NGO, null)));
        }
        return events;
    }
}
