package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every public endpoint × every kind of caller, from the one table in {@link #table()}: the status each
 * caller gets, with a PUBLIC and a RESTRICTED consultation wherever a consultation is named. A RESTRICTED
 * consultation does not exist (404) for anonymous callers, observers and the administrator, and is absent
 * from the list and the global feed; every error is problem+json. A request that changes state gets fresh
 * objects of its own in each cell, so the cells do not depend on their order.
 */
class AuthorizationMatrixIT {

    /** The kinds of caller; "another participant" is a participant who is not the author of the amendment under test. */
    enum Caller { ANONYMOUS, OBSERVER, PARTICIPANT, ANOTHER_PARTICIPANT, DRAFTER, ADMINISTRATOR, REVOKED }

    /** The consultation a row names, if any. */
    enum Target { NONE, PUBLIC, RESTRICTED }

    /** How a row's answer is read beyond its status. */
    enum Answer { JSON, EVENT_STREAM }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private static ConcordApi api;
    private static HttpClient client;
    private static URI gateway;
    private static final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private static final Map<Target, Map<String, String>> fixtures = new EnumMap<>(Target.class);
    private static Boolean auditRouteExists;

    /**
     * One endpoint, on one consultation: the request, what it needs made fresh for each cell, and the status
     * each caller gets.
     */
    record Row(String method, String path, Target target, Map<Caller, Integer> expected,
               Function<Map<String, String>, Map<String, String>> fresh, Function<Map<String, String>, Object> body,
               String accept, Answer answer, boolean listing, String disabledUnless) {

        Row fresh(Function<Map<String, String>, Map<String, String>> made) {
            return new Row(method, path, target, expected, made, body, accept, answer, listing, disabledUnless);
        }

        Row body(Function<Map<String, String>, Object> given) {
            return new Row(method, path, target, expected, fresh, given, accept, answer, listing, disabledUnless);
        }

        Row accept(String mediaType) {
            return new Row(method, path, target, expected, fresh, body, mediaType, answer, listing, disabledUnless);
        }

        Row eventStream() {
            return new Row(method, path, target, expected, fresh, body, "text/event-stream", Answer.EVENT_STREAM, listing, disabledUnless);
        }

        /** The answer lists consultations: the target must be in it exactly when the caller may see it. */
        Row listsTarget() {
            return new Row(method, path, target, expected, fresh, body, accept, answer, true, disabledUnless);
        }

        Row disabledUnless(String route) {
            return new Row(method, path, target, expected, fresh, body, accept, answer, listing, route);
        }

        String name() {
            return method + " " + path + (target == Target.NONE ? "" : " [" + target + "]")
                    + (accept == null || answer == Answer.EVENT_STREAM ? "" : " Accept: " + accept);
        }
    }

    //                  status for:     anonymous, observer, participant, another participant, drafter, administrator, revoked token
    private static Row row(String method, String path, Target target, int anonymous, int observer, int participant,
                           int anotherParticipant, int drafter, int administrator, int revoked) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.ANONYMOUS, anonymous);
        expected.put(Caller.OBSERVER, observer);
        expected.put(Caller.PARTICIPANT, participant);
        expected.put(Caller.ANOTHER_PARTICIPANT, anotherParticipant);
        expected.put(Caller.DRAFTER, drafter);
        expected.put(Caller.ADMINISTRATOR, administrator);
        expected.put(Caller.REVOKED, revoked);
        return new Row(method, path, target, expected, vars -> Map.of(), vars -> null, null, Answer.JSON, false, null);
    }

    /** A read of a consultation: everyone on a PUBLIC one; only participants and drafters on a RESTRICTED one. */
    private static Stream<Row> read(String path) {
        return Stream.of(row("GET", path, Target.PUBLIC, 200, 200, 200, 200, 200, 200, 401),
                row("GET", path, Target.RESTRICTED, 404, 404, 200, 200, 200, 404, 401));
    }

    static Stream<Row> table() {
        String c = "/api/consultations/{c}";
        return Stream.of(
                // participants
                Stream.of(
                        row("POST", "/api/participants", Target.NONE, 401, 403, 403, 403, 403, 201, 401)
                                .body(vars -> registration("Matrix Registration " + UNIQUE.incrementAndGet())),
                        row("GET", "/api/participants", Target.NONE, 200, 200, 200, 200, 200, 200, 401),
                        row("GET", "/api/me", Target.NONE, 401, 200, 200, 200, 200, 200, 401),
                        row("POST", "/api/participants/{registered}/revoke", Target.NONE, 401, 403, 403, 403, 403, 200, 401)
                                .fresh(vars -> Map.of("registered", api.register("Matrix Revocable " + UNIQUE.incrementAndGet(),
                                        "NGO", "BE", "PARTICIPANT").get("participantId").asText()))),
                // consultations
                Stream.of(
                        row("POST", "/api/consultations", Target.NONE, 401, 403, 201, 201, 201, 403, 401)
                                .body(vars -> ConcordApi.consultation("Matrix proposal", "PUBLIC")),
                        row("GET", "/api/consultations", Target.PUBLIC, 200, 200, 200, 200, 200, 200, 401).listsTarget(),
                        row("GET", "/api/consultations", Target.RESTRICTED, 200, 200, 200, 200, 200, 200, 401).listsTarget(),
                        row("POST", c + "/rounds", Target.PUBLIC, 401, 403, 403, 403, 201, 403, 401)
                                .fresh(AuthorizationMatrixIT::draft).body(vars -> Map.of("deadline", inADay())),
                        row("POST", c + "/rounds/current/close", Target.PUBLIC, 401, 403, 403, 403, 200, 403, 401)
                                .fresh(AuthorizationMatrixIT::openRound),
                        row("POST", c + "/revisions", Target.PUBLIC, 401, 403, 403, 403, 201, 403, 401)
                                .fresh(AuthorizationMatrixIT::draft)
                                .body(vars -> Map.of("baseVersion", 1, "reason", "Matrix revision",
                                        "changes", List.of(Map.of("kind", "REPLACE", "provisionId", vars.get("p"), "text", "Revised.")))),
                        row("POST", c + "/adopt", Target.PUBLIC, 401, 403, 403, 403, 200, 403, 401)
                                .fresh(AuthorizationMatrixIT::draft),
                        row("POST", c + "/endorsements", Target.PUBLIC, 401, 403, 201, 201, 403, 403, 401)
                                .fresh(AuthorizationMatrixIT::adopted)),
                read(c),
                read(c + "/endorsements"),
                // amendments
                Stream.of(Target.PUBLIC, Target.RESTRICTED).map(target ->
                        row("POST", c + "/amendments", target, 401, 403, 201, 201, 403, 403, 401)
                                .body(vars -> replacement(vars.get("p")))),
                read(c + "/amendments"),
                read(c + "/amendments/{a}"),
                Stream.of(
                        row("POST", c + "/amendments/{a}/support", Target.PUBLIC, 401, 403, 403, 200, 403, 403, 401)
                                .fresh(AuthorizationMatrixIT::amendment),
                        // the author never supported it: nothing to withdraw
                        row("DELETE", c + "/amendments/{a}/support", Target.PUBLIC, 401, 403, 409, 200, 403, 403, 401)
                                .fresh(vars -> supported(amendment(vars), vars)),
                        row("POST", c + "/amendments/{a}/withdraw", Target.PUBLIC, 401, 403, 200, 403, 403, 403, 401)
                                .fresh(AuthorizationMatrixIT::amendment),
                        row("POST", c + "/amendments/{a}/accept", Target.PUBLIC, 401, 403, 403, 403, 200, 403, 401)
                                .fresh(AuthorizationMatrixIT::insertion).body(vars -> Map.of("reason", "Matrix acceptance")),
                        row("POST", c + "/amendments/{a}/reject", Target.PUBLIC, 401, 403, 403, 403, 200, 403, 401)
                                .fresh(AuthorizationMatrixIT::amendment).body(vars -> Map.of("reason", "Matrix rejection"))),
                // comments
                Stream.of(Target.PUBLIC, Target.RESTRICTED).map(target ->
                        row("POST", c + "/comments", target, 401, 403, 201, 201, 201, 403, 401)
                                .body(vars -> Map.of("provisionId", vars.get("p"), "body", "Matrix comment", "attribution", "ATTRIBUTED"))),
                read(c + "/comments"),
                // negotiating the text (issue #20): every write on a fresh consultation of the row's visibility
                negotiation(Target.PUBLIC),
                negotiation(Target.RESTRICTED),
                read(c + "/brackets"),
                read(c + "/brackets/{b}"),
                read(c + "/compromises"),
                read(c + "/compromises/{k}"),
                read(c + "/silence"),
                read(c + "/silence/{s}"),
                // history
                read(c + "/versions"),
                read(c + "/versions/1"),
                read(c + "/versions/1?form=clean"),
                read(c + "/versions/1?form=negotiation"),
                read(c + "/text"),
                read(c + "/diff?from=1&to=1"),
                read(c + "/provisions/{p}/history"),
                read(c + "/provenance"),
                read(c + "/history"),
                read(c + "/statistics"),
                read(c + "/dispositions"),
                read(c + "/dispositions").map(row -> row.accept("text/csv")),
                // feeds and webhooks
                read(c + "/feed.atom").map(row -> row.accept("application/atom+xml")),
                read(c + "/feed").map(Row::eventStream),
                Stream.of(Target.PUBLIC, Target.RESTRICTED).map(target ->
                        row("GET", "/api/feed?after={before}&types=ConsultationCreated", target, 200, 200, 200, 200, 200, 200, 401)
                                .eventStream().listsTarget()),
                Stream.of(
                        row("POST", "/api/webhooks", Target.PUBLIC, 401, 201, 201, 201, 201, 201, 401).body(AuthorizationMatrixIT::webhook),
                        row("POST", "/api/webhooks", Target.RESTRICTED, 401, 404, 201, 201, 201, 404, 401).body(AuthorizationMatrixIT::webhook),
                        row("GET", "/api/webhooks", Target.NONE, 401, 200, 200, 200, 200, 200, 401),
                        // the participant's own webhook: its owner and the administrator only
                        row("GET", "/api/webhooks/{w}", Target.NONE, 401, 404, 200, 404, 404, 200, 401),
                        row("GET", "/api/webhooks/{w}/deliveries", Target.NONE, 401, 404, 200, 404, 404, 200, 401),
                        row("DELETE", "/api/webhooks/{w}", Target.NONE, 401, 404, 200, 404, 404, 200, 401)
                                .fresh(vars -> Map.of("w", participantsWebhook()))),
                // the verifiable log (issue #19): anyone may read it; what is hidden stays hidden (VerifiableLogIT)
                Stream.of(
                        row("GET", "/api/log/key", Target.NONE, 200, 200, 200, 200, 200, 200, 401).accept("application/x-pem-file"),
                        row("GET", "/api/log/checkpoints", Target.NONE, 200, 200, 200, 200, 200, 200, 401),
                        row("GET", "/api/log/checkpoints/latest", Target.NONE, 200, 200, 200, 200, 200, 200, 401),
                        row("GET", "/api/log/proof/inclusion?position={logged}", Target.NONE, 200, 200, 200, 200, 200, 200, 401),
                        row("GET", "/api/log/proof/consistency?from=1&to={treeSize}", Target.NONE, 200, 200, 200, 200, 200, 200, 401),
                        row("GET", "/api/log/entries?from=0&to=0", Target.NONE, 200, 200, 200, 200, 200, 200, 401),
                        row("GET", "/api/log/receipt?position={logged}", Target.NONE, 200, 200, 200, 200, 200, 200, 401),
                        row("GET", "/api/log/export", Target.NONE, 200, 200, 200, 200, 200, 200, 401).accept("application/x-ndjson")),
                // operations
                Stream.of(
                        row("POST", "/api/admin/replay", Target.NONE, 401, 403, 403, 403, 403, 200, 401),
                        row("GET", "/api/admin/replay", Target.NONE, 401, 403, 403, 403, 403, 200, 401),
                        // AUDIT ROW: GET /api/admin/audit is being built on main; this row runs once the route exists
                        row("GET", "/api/admin/audit?participantId={participant}", Target.NONE, 401, 403, 403, 403, 403, 200, 401)
                                .disabledUnless("/api/admin/audit"))
        ).flatMap(Function.identity());
    }

    /**
     * The negotiation's writes (issue #20) on a consultation of the target's visibility. Observers and the
     * administrator hold no role that may make them, so they are refused (403) whatever the visibility, as for
     * amendments; "another participant" is of another organisation, and of a stakeholder type (NGO) that may not
     * break silence by default, while the participant is a STATE's delegate.
     */
    private static Stream<Row> negotiation(Target target) {
        String c = "/api/consultations/{c}";
        String visibility = target.name();
        return Stream.of(
                row("POST", c + "/provisions/{p}/status", target, 401, 403, 403, 403, 200, 403, 401)
                        .fresh(vars -> draftOf(visibility)).body(vars -> Map.of("status", "AGREED", "reason", "Matrix agreement")),
                row("POST", c + "/provisions/{p}/brackets", target, 401, 403, 403, 403, 201, 403, 401)
                        .fresh(vars -> draftOf(visibility)).body(vars -> bracket()),
                row("POST", c + "/brackets/{b}/alternatives/{alt}/support", target, 401, 403, 200, 200, 403, 403, 401)
                        .fresh(vars -> bracketed(visibility)),
                // supported by the other participant: the participant has nothing to withdraw
                row("DELETE", c + "/brackets/{b}/alternatives/{alt}/support", target, 401, 403, 409, 200, 403, 403, 401)
                        .fresh(vars -> alternativeSupported(bracketed(visibility))),
                row("POST", c + "/brackets/{b}/resolve", target, 401, 403, 403, 403, 200, 403, 401)
                        .fresh(vars -> bracketed(visibility)).body(vars -> Map.of("alternativeId", vars.get("alt"), "reason", "Matrix resolution")),
                row("POST", c + "/compromises", target, 401, 403, 403, 403, 201, 403, 401)
                        .fresh(vars -> twoAmendments(visibility, Caller.ANOTHER_PARTICIPANT))
                        .body(vars -> Map.of("provisionId", vars.get("p"), "text", "A matrix compromise.",
                                "amendmentIds", List.of(vars.get("a1"), vars.get("a2")), "deadline", inADay())),
                // the participant's organisation is the only party: another organisation may not answer
                row("POST", c + "/compromises/{k}/consent", target, 401, 403, 200, 403, 403, 403, 401)
                        .fresh(vars -> compromise(visibility)),
                row("POST", c + "/compromises/{k}/object", target, 401, 403, 200, 403, 403, 403, 401)
                        .fresh(vars -> compromise(visibility)).body(vars -> Map.of("reason", "Matrix objection")),
                row("POST", c + "/compromises/{k}/accept", target, 401, 403, 403, 403, 200, 403, 401)
                        .fresh(vars -> consented(compromise(visibility))).body(vars -> Map.of("reason", "Matrix acceptance")),
                row("POST", c + "/compromises/{k}/withdraw", target, 401, 403, 403, 403, 200, 403, 401)
                        .fresh(vars -> compromise(visibility)).body(vars -> Map.of("reason", "Matrix withdrawal")),
                row("POST", c + "/provisions/{p}/ad-referendum", target, 401, 403, 201, 201, 403, 403, 401)
                        .fresh(vars -> draftOf(visibility)).body(vars -> Map.of("note", "Matrix capital")),
                // the participant's organisation agreed ad referendum; the other has no record to confirm or withdraw
                row("POST", c + "/provisions/{p}/ad-referendum/confirm", target, 401, 403, 200, 409, 403, 403, 401)
                        .fresh(vars -> agreedAdReferendum(visibility)),
                row("POST", c + "/provisions/{p}/ad-referendum/withdraw", target, 401, 403, 200, 409, 403, 403, 401)
                        .fresh(vars -> agreedAdReferendum(visibility)).body(vars -> Map.of("reason", "Matrix capital says no")),
                row("POST", c + "/silence", target, 401, 403, 403, 403, 201, 403, 401)
                        .fresh(vars -> draftOf(visibility)).body(vars -> silence()),
                // STATE may break silence by default: the participant is a state's delegate, the other an NGO's
                row("POST", c + "/silence/current/break", target, 401, 403, 200, 403, 403, 403, 401)
                        .fresh(vars -> underSilence(visibility)).body(vars -> Map.of("reason", "Matrix breaks silence")));
    }

    @BeforeAll
    static void setUp() {
        ConcordProcesses concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
        gateway = concord.gateway();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        tokens.put(Caller.ADMINISTRATOR, ConcordApi.ADMIN);
        tokens.put(Caller.OBSERVER, api.registerToken("Matrix Gazette", "COMPANY", "SE", "OBSERVER"));
        JsonNode author = api.register("Matrix Delegation", "STATE", "NO", "PARTICIPANT");
        tokens.put(Caller.PARTICIPANT, author.get("token").asText());
        tokens.put(Caller.ANOTHER_PARTICIPANT, api.registerToken("Matrix Rights Lab", "NGO", "KE", "PARTICIPANT"));
        tokens.put(Caller.DRAFTER, api.registerToken("Matrix Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER"));
        JsonNode revoked = api.register("Matrix Former Delegation", "STATE", "IS", "PARTICIPANT");
        json(api.post(ConcordApi.ADMIN, "/api/participants/{id}/revoke", null, revoked.get("participantId").asText()), 200);
        tokens.put(Caller.REVOKED, revoked.get("token").asText());

        // RESTRICTED first, so that the global feed after it shows the PUBLIC one's creation to callers who may not see it
        fixtures.put(Target.RESTRICTED, consultationFixture("RESTRICTED"));
        fixtures.put(Target.PUBLIC, consultationFixture("PUBLIC"));
        Map<String, String> common = new HashMap<>();
        common.put("participant", author.get("participantId").asText());
        // a write the log's checkpoints cover, for the log's rows
        long logged = json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/comments",
                Map.of("body", "Matrix remark, logged", "attribution", "ATTRIBUTED"), fixtures.get(Target.PUBLIC).get("c")), 201)
                .get("position").asLong();
        common.put("logged", Long.toString(logged));
        common.put("treeSize", VerifiableLogIT.awaitReceipt(api, null, logged).at("/checkpoint/treeSize").asText());
        common.put("w", participantsWebhook());
        fixtures.put(Target.NONE, common);
        fixtures.get(Target.PUBLIC).putAll(common);
        fixtures.get(Target.RESTRICTED).putAll(common);
    }

    @TestFactory
    Stream<DynamicContainer> every_endpoint_answers_each_kind_of_caller_as_the_table_says() {
        return table().map(row -> DynamicContainer.dynamicContainer(row.name(), Stream.of(Caller.values())
                .map(caller -> DynamicTest.dynamicTest(row.name() + " as " + caller + " → " + row.expected().get(caller),
                        () -> check(row, caller)))));
    }

    private static void check(Row row, Caller caller) throws Exception {
        if (row.disabledUnless() != null) {
            assumeTrue(routeExists(row.disabledUnless()), row.disabledUnless() + " is not built on this branch yet (the query side's "
                    + "OpenAPI document does not list it); this row runs once it is");
        }
        Map<String, String> vars = new HashMap<>(fixtures.get(row.target()));
        vars.putAll(row.fresh().apply(vars));
        String path = expand(row.path(), vars);
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30));
        String token = tokens.get(caller);
        if (token != null) {
            request.header("Authorization", ConcordApi.bearer(token));
        }
        if (row.accept() != null) {
            request.header("Accept", row.accept());
        }
        Object body = row.body().apply(vars);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(row.method(), HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(row.method(), HttpRequest.BodyPublishers.noBody());
        }
        int expected = row.expected().get(caller);
        String where = row.name() + " as " + caller;

        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String answer;
        try (InputStream stream = response.body()) {
            answer = response.statusCode() == 200 && row.answer() == Answer.EVENT_STREAM
                    ? firstEventData(stream)
                    : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        OpenApiContract.of(gateway).check(response, row.answer() == Answer.EVENT_STREAM && response.statusCode() == 200
                ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(where + ": " + answer).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(where).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(answer).get("status").asInt()).as(where).isEqualTo(expected);
        }
        if (row.listing() && expected == 200) {
            boolean visible = row.target() == Target.PUBLIC || caller == Caller.PARTICIPANT
                    || caller == Caller.ANOTHER_PARTICIPANT || caller == Caller.DRAFTER;
            if (visible) {
                assertThat(answer).as(where + " lists the consultation").contains(vars.get("c"));
            } else {
                assertThat(answer).as(where + " leaves the RESTRICTED consultation out").doesNotContain(vars.get("c"));
            }
        }
        if (response.statusCode() == 201 && path.equals("/api/webhooks")) {
            // registered only to see who may: removed again so that it never calls anyone
            json(api.http.delete().uri("/api/webhooks/{id}", JSON.readTree(answer).get("webhookId").asText())
                    .header("Authorization", ConcordApi.bearer(ConcordApi.ADMIN)).exchange(), 200);
        }
        if (response.statusCode() == 200 && row.method().equals("POST") && path.equals("/api/admin/replay")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    json(api.get(ConcordApi.ADMIN, "/api/admin/replay"), 200).get("state").asText().equals("DONE"));
        }
    }

    /** The data of the first event of a stream (heartbeats and comments skipped). */
    private static String firstEventData(InputStream stream) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        boolean inEvent = false;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("id:")) {
                inEvent = true;
            } else if (inEvent && line.startsWith("data:")) {
                return line.substring("data:".length());
            }
        }
        throw new AssertionError("The stream ended before its first event");
    }

    private static boolean routeExists(String route) {
        if (auditRouteExists == null) {
            auditRouteExists = api.get(null, "/v3/api-docs/queries").expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody().contains("\"" + route);
        }
        return auditRouteExists;
    }

    private static String expand(String template, Map<String, String> vars) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = vars.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("No value for " + matcher.group() + " in " + template);
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /**
     * A consultation of the given visibility with an open round, a provision, an amendment by the
     * participant and a comment, all visible in the read models.
     */
    private static Map<String, String> consultationFixture(String visibility) {
        String drafter = tokens.get(Caller.DRAFTER);
        JsonNode created = json(api.createConsultation(drafter, "Matrix " + visibility, visibility), 201);
        Map<String, String> vars = new HashMap<>();
        vars.put("c", created.get("consultationId").asText());
        vars.put("before", Long.toString(created.get("position").asLong() - 1));
        vars.put("p", provision(vars.get("c"), created.get("position").asLong()));
        json(api.post(drafter, "/api/consultations/{c}/rounds", Map.of("deadline", inADay()), vars.get("c")), 201);
        vars.put("a", json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/amendments", replacement(vars.get("p")),
                vars.get("c")), 201).get("amendmentId").asText());
        long last = json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/comments",
                Map.of("body", "Matrix remark", "attribution", "ATTRIBUTED"), vars.get("c")), 201).get("position").asLong();
        json(api.get(drafter, "/api/consultations/{c}/comments?minPosition={p}", vars.get("c"), last), 200);
        // a compromise of two more of the participant's amendments, for the compromises' reads
        Map<String, String> merged = amendmentsOn(vars.get("c"), vars.get("p"), Caller.PARTICIPANT);
        JsonNode proposed = json(api.post(drafter, "/api/consultations/{c}/compromises", Map.of("provisionId", vars.get("p"),
                "text", "A matrix compromise.", "amendmentIds", List.of(merged.get("a1"), merged.get("a2")), "deadline", inADay()),
                vars.get("c")), 201);
        vars.put("k", proposed.get("compromiseId").asText());
        // a bracket on the first word of the last provision, which no row changes, for the brackets' reads
        String untouched = json(api.get(drafter, "/api/consultations/{c}", vars.get("c")), 200).at("/provisions/2/provisionId").asText();
        vars.put("b", json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/brackets", Map.of("version", 1, "start", 0, "end", 1),
                vars.get("c"), untouched), 201).get("bracketId").asText());
        // a silence on the provision, broken at once so that it blocks none of the rows' decisions, for the silence's reads
        Map<String, Object> silence = new HashMap<>(silence());
        silence.put("provisionId", vars.get("p"));
        vars.put("s", json(api.post(drafter, "/api/consultations/{c}/silence", silence, vars.get("c")), 201).get("procedureId").asText());
        long broken = json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/silence/current/break",
                Map.of("reason", "Matrix objection"), vars.get("c")), 200).get("position").asLong();
        json(api.get(drafter, "/api/consultations/{c}/silence/{s}?minPosition={p}", vars.get("c"), vars.get("s"), broken), 200);
        return vars;
    }

    private static String provision(String consultation, long position) {
        return json(api.get(tokens.get(Caller.DRAFTER), "/api/consultations/{c}?minPosition={p}", consultation, position), 200)
                .at("/provisions/0/provisionId").asText();
    }

    /** A fresh DRAFT consultation by the drafter, with its first provision. */
    private static Map<String, String> draft(Map<String, String> vars) {
        JsonNode created = json(api.createConsultation(tokens.get(Caller.DRAFTER), "Matrix draft", "PUBLIC"), 201);
        String consultation = created.get("consultationId").asText();
        return Map.of("c", consultation, "p", provision(consultation, created.get("position").asLong()));
    }

    /** A fresh DRAFT consultation of the given visibility by the drafter, with its first provision. */
    private static Map<String, String> draftOf(String visibility) {
        JsonNode created = json(api.createConsultation(tokens.get(Caller.DRAFTER), "Matrix negotiation", visibility), 201);
        String consultation = created.get("consultationId").asText();
        return Map.of("c", consultation, "p", provision(consultation, created.get("position").asLong()));
    }

    /** A fresh draft whose first provision has its first word bracketed with two alternatives. */
    private static Map<String, String> bracketed(String visibility) {
        Map<String, String> vars = new HashMap<>(draftOf(visibility));
        JsonNode made = json(api.post(tokens.get(Caller.DRAFTER), "/api/consultations/{c}/provisions/{p}/brackets", bracket(),
                vars.get("c"), vars.get("p")), 201);
        vars.put("b", made.get("bracketId").asText());
        vars.put("alt", made.at("/alternativeIds/0").asText());
        return vars;
    }

    private static Map<String, String> alternativeSupported(Map<String, String> vars) {
        json(api.post(tokens.get(Caller.ANOTHER_PARTICIPANT), "/api/consultations/{c}/brackets/{b}/alternatives/{alt}/support", null,
                vars.get("c"), vars.get("b"), vars.get("alt")), 200);
        return vars;
    }

    /** A fresh consultation of the given visibility with an open round and two amendments to its first provision: the participant's and {@code second}'s. */
    private static Map<String, String> twoAmendments(String visibility, Caller second) {
        Map<String, String> vars = new HashMap<>(draftOf(visibility));
        json(api.post(tokens.get(Caller.DRAFTER), "/api/consultations/{c}/rounds", Map.of("deadline", inADay()), vars.get("c")), 201);
        vars.put("a1", json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/amendments", replacement(vars.get("p")),
                vars.get("c")), 201).get("amendmentId").asText());
        vars.put("a2", json(api.post(tokens.get(second), "/api/consultations/{c}/amendments", replacement(vars.get("p")),
                vars.get("c")), 201).get("amendmentId").asText());
        return vars;
    }

    private static Map<String, String> amendmentsOn(String consultation, String provision, Caller author) {
        Map<String, String> vars = new HashMap<>();
        for (String name : List.of("a1", "a2")) {
            vars.put(name, json(api.post(tokens.get(author), "/api/consultations/{c}/amendments", replacement(provision), consultation), 201)
                    .get("amendmentId").asText());
        }
        return vars;
    }

    /** A pending compromise of two of the participant's amendments: the participant's organisation is its only party. */
    private static Map<String, String> compromise(String visibility) {
        Map<String, String> vars = new HashMap<>(twoAmendments(visibility, Caller.PARTICIPANT));
        vars.put("k", json(api.post(tokens.get(Caller.DRAFTER), "/api/consultations/{c}/compromises", Map.of("provisionId", vars.get("p"),
                "text", "A matrix compromise.", "amendmentIds", List.of(vars.get("a1"), vars.get("a2")), "deadline", inADay()),
                vars.get("c")), 201).get("compromiseId").asText());
        return vars;
    }

    private static Map<String, String> consented(Map<String, String> vars) {
        json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/compromises/{k}/consent", null, vars.get("c"), vars.get("k")), 200);
        return vars;
    }

    private static Map<String, String> agreedAdReferendum(String visibility) {
        Map<String, String> vars = draftOf(visibility);
        json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/provisions/{p}/ad-referendum", Map.of(),
                vars.get("c"), vars.get("p")), 201);
        return vars;
    }

    private static Map<String, String> underSilence(String visibility) {
        Map<String, String> vars = draftOf(visibility);
        json(api.post(tokens.get(Caller.DRAFTER), "/api/consultations/{c}/silence", silence(), vars.get("c")), 201);
        return vars;
    }

    /** Words [0, 1) of the provision in version 1, with two alternatives. */
    private static Map<String, Object> bracket() {
        return Map.of("version", 1, "start", 0, "end", 1, "alternatives", List.of(
                Map.of("text", "Matrix one", "sponsors", List.of("Matrix Delegation")), Map.of("text", "Matrix two", "sponsors", List.of())));
    }

    /** A silence on the whole text until this time tomorrow in Paris (the consultation is never adopted before the test ends). */
    private static Map<String, Object> silence() {
        return Map.of("deadline", LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(1).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), "timeZone", "Europe/Paris");
    }

    private static Map<String, String> openRound(Map<String, String> vars) {
        Map<String, String> draft = draft(vars);
        json(api.post(tokens.get(Caller.DRAFTER), "/api/consultations/{c}/rounds", Map.of("deadline", inADay()), draft.get("c")), 201);
        return draft;
    }

    private static Map<String, String> adopted(Map<String, String> vars) {
        JsonNode created = json(api.createConsultation(tokens.get(Caller.DRAFTER), "Matrix adopted", "PUBLIC"), 201);
        String consultation = created.get("consultationId").asText();
        json(api.post(tokens.get(Caller.DRAFTER), "/api/consultations/{c}/adopt", null, consultation), 200);
        return Map.of("c", consultation);
    }

    /** A fresh amendment by the participant on the row's consultation. */
    private static Map<String, String> amendment(Map<String, String> vars) {
        return Map.of("a", json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/amendments",
                replacement(vars.get("p")), vars.get("c")), 201).get("amendmentId").asText());
    }

    /** An insertion under a label of its own: never stale, whatever other cells accepted before. */
    private static Map<String, String> insertion(Map<String, String> vars) {
        return Map.of("a", json(api.post(tokens.get(Caller.PARTICIPANT), "/api/consultations/{c}/amendments",
                Map.of("kind", "INSERT_AFTER", "provisionId", vars.get("p"), "baseVersion", 1, "label", "m" + UNIQUE.incrementAndGet(),
                        "text", "An inserted provision.", "justification", "Matrix"), vars.get("c")), 201).get("amendmentId").asText());
    }

    private static Map<String, String> supported(Map<String, String> amendment, Map<String, String> vars) {
        json(api.post(tokens.get(Caller.ANOTHER_PARTICIPANT), "/api/consultations/{c}/amendments/{a}/support", null,
                vars.get("c"), amendment.get("a")), 200);
        return amendment;
    }

    /** A webhook of the participant's that never fires: its consultation is never adopted. */
    private static String participantsWebhook() {
        Map<String, String> publicFixture = fixtures.get(Target.PUBLIC);
        return json(api.post(tokens.get(Caller.PARTICIPANT), "/api/webhooks", webhook(publicFixture)), 201)
                .get("webhookId").asText();
    }

    private static Map<String, Object> webhook(Map<String, String> vars) {
        return Map.of("url", "http://127.0.0.1:9/matrix-hook", "secret", "matrix-secret-0123456789",
                "consultationId", vars.get("c"), "types", List.of("ConsultationAdopted"));
    }

    private static Map<String, Object> replacement(String provision) {
        return Map.of("kind", "REPLACE", "provisionId", provision, "baseVersion", 1, "text", "A replacement.",
                "justification", "Matrix");
    }

    private static Map<String, Object> registration(String organisation) {
        return Map.of("organisation", organisation, "stakeholderType", "ACADEMIA", "country", "DK",
                "displayName", "Delegation of " + organisation, "roles", List.of("PARTICIPANT"));
    }

    private static String inADay() {
        return Instant.now().plus(Duration.ofDays(1)).toString();
    }
}
