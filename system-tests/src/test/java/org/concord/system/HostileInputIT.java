package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.TestMongoDatabase;
import org.springframework.util.NumberUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.concord.system.ConcordApi.json;

/**
 * Generated hostile bodies against every endpoint that takes a POST or DELETE: a valid body with one
 * hostile change (malformed JSON, wrong types, unknown enum values, huge numbers, lone surrogates, invalid
 * UTF-8 bytes, control characters, NUL, very long strings, deep nesting, markup, missing and extra fields,
 * arrays for objects), or a hostile body outright. Never a 5xx; every error is problem+json naming nothing
 * internal; an error writes nothing (the event store does not grow, no read model or webhook changes); an
 * accepted body keeps its markup verbatim as JSON strings, served with {@code X-Content-Type-Options: nosniff}.
 * <p>
 * Shrinking is off: every try writes to a live Concord, and a shrink that outruns jqwik's time bound is
 * left running while the next property starts, writing events under its feet. A failing try is readable
 * as it is: one endpoint, one named change.
 */
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final String RAW = "@@raw-json@@";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private static ConcordApi api;
    private static HttpClient client;
    private static URI gateway;
    private static MongoClient mongo;
    private static MongoDatabase database;
    private static final Map<String, String> tokens = new HashMap<>();
    private static final Map<String, String> fixture = new HashMap<>();
    /** The body of the latest answer {@link #check} received: a refusal's problem. */
    private static String lastProblem;

    /**
     * An endpoint: who calls it (one allowed to, so that what is tested is the body), what it needs made
     * fresh before each try, a body it accepts, and where an accepted body's texts can be read back.
     */
    record Endpoint(String method, String path, String caller, Function<Map<String, String>, Map<String, String>> stage,
                    Function<Map<String, String>, Object> validBody, List<String> readBacks) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One hostile change of a valid body, by name, as the bytes sent and their content type. */
    record Mutation(String name, Function<JsonNode, byte[]> apply, String contentType) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Attempt(Endpoint endpoint, Mutation mutation) {
        @Override
        public String toString() {
            return endpoint + " with " + mutation;
        }
    }

    @BeforeContainer
    static void setUp() {
        ConcordProcesses concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
        gateway = concord.gateway();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        TestMongoDatabase testDatabase = concord.database();
        mongo = MongoClients.create(testDatabase.uri());
        database = mongo.getDatabase(testDatabase.name());
        tokens.put("admin", ConcordApi.ADMIN);
        tokens.put("drafter", api.registerToken("Hostile Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER"));
        tokens.put("participant", api.registerToken("Hostile Delegation", "STATE", "PT", "PARTICIPANT"));
        tokens.put("other", api.registerToken("Hostile Watch", "NGO", "CL", "PARTICIPANT"));

        fixture.putAll(draftWithProvision());
        json(api.post(tokens.get("drafter"), "/api/consultations/{c}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), fixture.get("c")), 201);
        String amendment = json(api.post(tokens.get("participant"), "/api/consultations/{c}/amendments",
                replacement(fixture.get("p")), fixture.get("c")), 201).get("amendmentId").asText();
        fixture.put("a0", amendment);
        fixture.put("m0", json(api.post(tokens.get("other"), "/api/consultations/{c}/comments", Map.of("amendmentId", amendment,
                "body", "A first remark", "attribution", "ATTRIBUTED"), fixture.get("c")), 201).get("commentId").asText());
    }

    @AfterContainer
    static void tearDown() {
        if (mongo != null) {
            mongo.close();
        }
    }

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void participant_registrations_survive_hostile_bodies(@ForAll("participantAttempts") Attempt attempt) throws Exception {
        check(attempt);
    }

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void consultation_writes_survive_hostile_bodies(@ForAll("consultationAttempts") Attempt attempt) throws Exception {
        check(attempt);
    }

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void amendment_writes_survive_hostile_bodies(@ForAll("amendmentAttempts") Attempt attempt) throws Exception {
        check(attempt);
    }

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void comments_survive_hostile_bodies(@ForAll("commentAttempts") Attempt attempt) throws Exception {
        check(attempt);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void webhook_registrations_survive_hostile_bodies(@ForAll("webhookAttempts") Attempt attempt) throws Exception {
        check(attempt);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void negotiation_writes_survive_hostile_bodies(@ForAll("negotiationAttempts") Attempt attempt) throws Exception {
        check(attempt);
    }

    /** These read no body: whatever is sent is ignored, and the answer is the endpoint's usual one. */
    @Property(tries = 12, shrinking = ShrinkingMode.OFF)
    void endpoints_without_a_body_survive_hostile_bodies(@ForAll("bodilessAttempts") Attempt attempt) throws Exception {
        check(attempt);
    }

    /** Found by this test: a null among a webhook's types was a 500 (the type lookup cannot take null). */
    @Example
    void a_webhook_whose_types_hold_null_is_refused() throws Exception {
        Endpoint registration = new Endpoint("POST", "/api/webhooks", "participant", vars -> Map.of(),
                vars -> Map.of("url", "http://127.0.0.1:9/hostile-hook", "secret", "hostile-secret-0123456789", "types", List.of()),
                List.of());
        int status = check(new Attempt(registration, raw("types holding null", "{\"url\":\"http://127.0.0.1:9/hostile-hook\","
                + "\"secret\":\"hostile-secret-0123456789\",\"types\":[\"ConsultationAdopted\",null]}")));
        assertThat(status).isEqualTo(400);
    }

    // ---- the negotiation's hostile values (issue #20), one by one: refused with a 400 naming the field, nothing written ----

    @Example
    void hostile_word_offsets_of_a_bracket_are_refused_naming_them() throws Exception {
        // "States should regulate the sale of intrusion tools." has 9 words
        refused(bracketing(Map.of("version", 1, "start", -1, "end", 2)), 400, "start");
        refused(bracketing(Map.of("version", 1, "start", 3, "end", 3)), 400, "end");
        refused(bracketing(Map.of("version", 1, "start", 5, "end", 2)), 400, "end");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 10)), 400, "end");
        refused(bracketing(Map.of("version", 1, "start", 2147483647, "end", 2147483647)), 400, "start");
        refused(bracketing(Map.of("version", 1, "start", "3", "end", "five")), 400, "end");
        refused(bracketing(Map.of("version", 0, "start", 0, "end", 1)), 400, "version");
        refused(bracketing(Map.of("version", 99, "start", 0, "end", 1)), 400, "version");
    }

    @Example
    void hostile_alternatives_are_refused_naming_them() throws Exception {
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives", List.of(alternative("Only one")))), 400, "alternatives");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives",
                Collections.nCopies(6, alternative("One of six")))), 400, "alternatives");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives",
                Collections.nCopies(10_000, Map.of("text", "a")))), 400, "alternatives");
        // over the command side's 512 KB: refused before it is read
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives",
                Collections.nCopies(100_000, alternative("One of a hundred thousand")))), 413, "payload-too-large");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives",
                List.of(alternative("x".repeat(20_001)), alternative("Two")))), 400, "alternatives");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives",
                List.of(alternative("   "), alternative("Two")))), 400, "alternatives");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives",
                List.of(Map.of("text", "One", "sponsors", Collections.nCopies(51, "A sponsor")), alternative("Two")))), 400, "sponsors");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "alternatives",
                List.of(Map.of("text", "One", "sponsors", List.of("s".repeat(201))), alternative("Two")))), 400, "sponsors");
        refused(bracketing(Map.of("version", 1, "start", 0, "end", 1, "note", "n".repeat(5_001))), 400, "note");
    }

    /** Text in any script is data: stored and answered exactly as sent. */
    @Example
    void multilingual_alternatives_are_kept_exactly() throws Exception {
        List<String> wordings = List.of("تنظيم بيع أدوات التسلل", "侵入ツールの販売を規制する", "Регулировать продажу 👩🏽‍💻", "L’État\u00a0doit");
        Endpoint bracketing = bracketing(Map.of("version", 1, "start", 0, "end", 2, "alternatives",
                wordings.stream().map(HostileInputIT::alternative).toList(), "note", "Ελληνικά ✓ עִבְרִית"));
        Map<String, String> vars = new HashMap<>(fixture);
        vars.putAll(bracketing.stage().apply(vars));
        JsonNode made = json(api.post(tokens.get("drafter"), "/api/consultations/{c}/provisions/{p}/brackets",
                bracketing.validBody().apply(vars), vars.get("c"), vars.get("p")), 201);
        JsonNode detail = json(api.get(tokens.get("drafter"), "/api/consultations/{c}?minPosition={at}", vars.get("c"),
                made.get("position").asLong()), 200);
        assertThat(detail.at("/provisions/0/brackets/0/alternatives").findValuesAsText("text")).containsExactlyElementsOf(wordings);
        assertThat(detail.at("/provisions/0/brackets/0/note").asText()).isEqualTo("Ελληνικά ✓ עִבְרִית");
    }

    @Example
    void a_provision_is_bracketed_only_through_its_brackets() throws Exception {
        Endpoint status = new Endpoint("POST", "/api/consultations/{c}/provisions/{p}/status", "drafter", vars -> draftWithProvision(),
                vars -> Map.of("status", "BRACKETED", "reason", "By hand"), List.of());
        refused(status, 400, "status");
        refused(withBody(status, Map.of("status", "SETTLED", "reason", "Unknown")), 400, "status");
        refused(withBody(status, Map.of("status", "AGREED", "reason", " ")), 400, "reason");
        refused(withBody(status, Map.of("status", "AGREED", "reason", "r".repeat(5_001))), 400, "reason");
    }

    @Example
    void hostile_deadlines_and_time_zones_of_a_silence_are_refused_naming_them() throws Exception {
        String tomorrow = localDeadline(Duration.ofDays(1));
        refused(silencing(Map.of("deadline", tomorrow + "+01:00", "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", tomorrow + "Z", "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString(), "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", "tomorrow at six", "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", "2027-02-30T18:00", "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", localDeadline(Duration.ofHours(-1)), "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", localDeadline(Duration.ofDays(367)), "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "Mars/Olympus_Mons")), 400, "timeZone");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "")), 400, "timeZone");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "Europe/Paris\u0000")), 400, "timeZone");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "../../etc/passwd")), 400, "timeZone");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "+02:00")), 400, "timeZone");
        refused(silencing(Map.of("deadline", tomorrow)), 400, "timeZone");
        // 02:30 on the last Sunday of March does not exist in Paris: the clocks go from 02:00 to 03:00
        refused(silencing(Map.of("deadline", dstGap(), "timeZone", "Europe/Paris")), 400, "deadline");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "Europe/Paris", "breakableBy", List.of())), 400, "breakableBy");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "Europe/Paris", "breakableBy", List.of("ALIENS"))), 400, "breakableBy");
        refused(silencing(Map.of("deadline", tomorrow, "timeZone", "Europe/Paris",
                "breakableBy", java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "TYPE_" + i).toList())), 400, "breakableBy");
    }

    @Example
    void hostile_compromises_are_refused_naming_the_field() throws Exception {
        Endpoint proposal = new Endpoint("POST", "/api/consultations/{c}/compromises", "drafter", vars -> twoAmendments(),
                vars -> Map.of("provisionId", vars.get("p"), "text", "A compromise.", "amendmentIds", List.of(vars.get("a1")),
                        "deadline", Instant.now().plus(Duration.ofDays(1)).toString()), List.of());
        refused(proposal, 400, "amendmentIds");
        refused(new Endpoint(proposal.method(), proposal.path(), proposal.caller(), proposal.stage(),
                vars -> Map.of("provisionId", vars.get("p"), "text", "A compromise.", "amendmentIds", List.of(vars.get("a1"), vars.get("a1")),
                        "deadline", Instant.now().plus(Duration.ofDays(1)).toString()), List.of()), 400, "amendmentIds");
        refused(new Endpoint(proposal.method(), proposal.path(), proposal.caller(), proposal.stage(),
                vars -> Map.of("provisionId", vars.get("p"), "text", "A compromise.",
                        "amendmentIds", Collections.nCopies(10_000, vars.get("a1")),
                        "deadline", Instant.now().plus(Duration.ofDays(1)).toString()), List.of()), 400, "amendmentIds");
        refused(new Endpoint(proposal.method(), proposal.path(), proposal.caller(), proposal.stage(),
                vars -> Map.of("provisionId", vars.get("p"), "text", "A compromise.", "amendmentIds", List.of(vars.get("a1"), vars.get("a2")),
                        "deadline", Instant.now().minus(Duration.ofHours(1)).toString()), List.of()), 400, "deadline");
        refused(new Endpoint(proposal.method(), proposal.path(), proposal.caller(), proposal.stage(),
                vars -> Map.of("provisionId", vars.get("p"), "text", "x".repeat(20_001), "amendmentIds", List.of(vars.get("a1"), vars.get("a2")),
                        "deadline", Instant.now().plus(Duration.ofDays(1)).toString()), List.of()), 400, "text");
        refused(new Endpoint(proposal.method(), proposal.path(), proposal.caller(), proposal.stage(),
                vars -> Map.of("provisionId", vars.get("p"), "text", "A compromise.", "amendmentIds", List.of(vars.get("a1"), vars.get("a2")),
                        "deadline", "next week"), List.of()), 400, "deadline");
    }

    @Example
    void a_resolution_names_one_wording() throws Exception {
        Endpoint resolution = new Endpoint("POST", "/api/consultations/{c}/brackets/{b}/resolve", "drafter", vars -> bracketed(),
                vars -> Map.of("alternativeId", vars.get("alt"), "text", "Both at once", "reason", "Why not"), List.of());
        refused(resolution, 400, "alternativeId");
        refused(withBody(resolution, Map.of("reason", "Neither")), 400, "alternativeId");
        refused(withBody(resolution, Map.of("text", "w".repeat(20_001), "reason", "Too long")), 400, "text");
    }

    /** The bracketing of a fresh draft's first provision with {@code body}. */
    private static Endpoint bracketing(Map<String, Object> body) {
        return new Endpoint("POST", "/api/consultations/{c}/provisions/{p}/brackets", "drafter", vars -> draftWithProvision(),
                vars -> body, List.of());
    }

    private static Endpoint silencing(Map<String, Object> body) {
        return new Endpoint("POST", "/api/consultations/{c}/silence", "drafter", vars -> draftWithProvision(), vars -> body, List.of());
    }

    private static Endpoint withBody(Endpoint endpoint, Map<String, Object> body) {
        return new Endpoint(endpoint.method(), endpoint.path(), endpoint.caller(), endpoint.stage(), vars -> body, List.of());
    }

    /** Sends the endpoint's body as it is: the answer must be {@code status}, a problem naming {@code field}, nothing written. */
    private static void refused(Endpoint endpoint, int status, String field) throws Exception {
        String[] answer = new String[1];
        Mutation asGiven = new Mutation("the body as given", node -> {
            byte[] bytes = bytes(node);
            answer[0] = abbreviate(new String(bytes, StandardCharsets.UTF_8));
            return bytes;
        }, "application/json");
        Attempt attempt = new Attempt(endpoint, asGiven);
        int got = check(attempt);
        assertThat(got).as(endpoint + " with " + answer[0]).isEqualTo(status);
        assertThat(lastProblem).as(endpoint + " with " + answer[0] + ": the refusal names " + field).contains(field);
    }

    private static Map<String, Object> alternative(String text) {
        return Map.of("text", text, "sponsors", List.of("Hostile Delegation"));
    }

    private static Map<String, Object> bracket() {
        return Map.of("version", 1, "start", 0, "end", 2, "alternatives", List.of(alternative("Each State"),
                Map.of("text", "All States", "sponsors", List.of())), "note", "Who is bound");
    }

    /** A local date-time in Paris, {@code ahead} from now, without an offset, as a silence's deadline is given. */
    private static String localDeadline(Duration ahead) {
        return LocalDateTime.now(ZoneId.of("Europe/Paris")).plus(ahead).truncatedTo(ChronoUnit.MINUTES)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /** 02:30 on the next last Sunday of March: a time that does not exist in Paris. */
    private static String dstGap() {
        LocalDate march = LocalDate.now(ZoneId.of("Europe/Paris")).withMonth(3).withDayOfMonth(31)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        if (!march.atTime(2, 30).atZone(ZoneId.of("Europe/Paris")).toInstant().isAfter(Instant.now())) {
            march = march.plusYears(1).withDayOfMonth(31).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        }
        return march.atTime(2, 30).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /**
     * The verifiable log's reads (issue #19) with one query parameter made hostile (huge, negative, not a number,
     * other scripts' digits, emoji, invalid percent-encoded UTF-8, left out, given twice), the others valid, as anyone
     * may call them: never a 5xx; a refusal is problem+json, a 400 names the parameter; a 200 only for a number.
     * Every parameter of every endpoint with every value, anonymous and as a participant.
     */
    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void log_reads_survive_hostile_query_parameters(@ForAll("logQueryAttempts") LogQuery query,
                                                    @ForAll("logCallers") String caller) throws Exception {
        Map<String, String> valid = logFixture();
        List<String> pairs = new ArrayList<>();
        for (String parameter : query.parameters()) {
            String given = valid.get(query.path() + " " + parameter);
            if (!parameter.equals(query.hostile())) {
                pairs.add(parameter + "=" + given);
            } else if (query.value() != null && query.value().startsWith(TWICE)) {
                pairs.add(parameter + "=" + given);
                pairs.add(parameter + "=" + query.value().substring(TWICE.length()));
            } else if (query.value() != null) {
                pairs.add(parameter + "=" + query.value());
            }
        }
        String uri = query.path() + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(uri.toString())).timeout(Duration.ofSeconds(30));
        if (caller != null) {
            request.header("Authorization", ConcordApi.bearer(tokens.get(caller)));
        }
        HttpResponse<String> response = checked(client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        String where = "GET " + uri + " as " + (caller == null ? "anonymous" : caller) + " → " + response.statusCode() + " "
                + abbreviate(response.body());

        assertThat(response.statusCode()).as(where).isLessThan(500);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(where).contains("nosniff");
        if (response.statusCode() >= 400) {
            assertThat(response.statusCode()).as(where).isIn(400, 404);
            assertThat(response.headers().firstValue("Content-Type")).as(where).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).as(where).isEqualTo(response.statusCode());
            assertThat(response.body()).as(where).doesNotContain("org.concord", "java.", "Exception", "\tat ", "springframework", "jackson");
            if (response.statusCode() == 400) {
                assertThat(response.body()).as(where + ": the refusal names the parameter").contains(query.hostile());
            }
        } else {
            // left out or empty (an optional parameter), given twice (the first counts), or a number as Spring reads one
            if (query.value() != null && !query.value().isEmpty() && !query.value().startsWith(TWICE)) {
                String sent = URLDecoder.decode(query.value(), StandardCharsets.UTF_8);
                assertThatCode(() -> NumberUtils.parseNumber(sent, Long.class)).as(where + ": only a number may be answered").doesNotThrowAnyException();
            }
        }
    }

    /** One parameter of one log read, and the raw (percent-encoded) value it is given; null leaves it out. */
    record LogQuery(String path, List<String> parameters, String hostile, String value) {
        @Override
        public String toString() {
            return path + " with " + hostile + "=" + (value == null ? "(left out)" : abbreviate(value));
        }
    }

    private static final List<String> HOSTILE_NUMBERS = Arrays.asList(null, "", "-1", "0", "-9223372036854775808",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999",
            "1".repeat(1000), "abc", "1e3", "0x10", "1.5", "%201", "1%20", "%2B1", "-0", "NaN", "Infinity", "null", "%5B1%5D",
            "1,2", "%D9%A1%D9%A2", "%F0%9F%98%80", "%00", "1%00", "%ED%A0%80", "%FF", "%C0%AF", "%3Cscript%3E", "twice:abc");
    private static final String TWICE = "twice:";

    @Provide
    Arbitrary<LogQuery> logQueryAttempts() {
        List<LogQuery> queries = new ArrayList<>();
        Map<String, List<String>> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("/api/log/checkpoints", List.of("after", "limit"));
        endpoints.put("/api/log/proof/inclusion", List.of("position", "treeSize"));
        endpoints.put("/api/log/proof/consistency", List.of("from", "to"));
        endpoints.put("/api/log/entries", List.of("from", "to"));
        endpoints.put("/api/log/receipt", List.of("position"));
        endpoints.forEach((path, parameters) -> parameters.forEach(parameter -> HOSTILE_NUMBERS.forEach(value ->
                queries.add(new LogQuery(path, parameters, parameter, value)))));
        return Arbitraries.of(queries);
    }

    @Provide
    Arbitrary<String> logCallers() {
        return Arbitraries.of(null, "participant");
    }

    private static Map<String, String> logFixture;

    /** Valid values for every log read's parameters ("path parameter"): a position a checkpoint covers, its tree size. */
    private static synchronized Map<String, String> logFixture() {
        if (logFixture == null) {
            long position = json(api.post(tokens.get("other"), "/api/consultations/{c}/comments", Map.of("body", "Logged",
                    "attribution", "ATTRIBUTED"), fixture.get("c")), 201).get("position").asLong();
            JsonNode receipt = VerifiableLogIT.awaitReceipt(api, null, position);
            long size = receipt.at("/checkpoint/treeSize").asLong();
            logFixture = Map.of("/api/log/checkpoints after", "0", "/api/log/checkpoints limit", "10",
                    "/api/log/proof/inclusion position", Long.toString(position), "/api/log/proof/inclusion treeSize", Long.toString(size),
                    "/api/log/proof/consistency from", "1", "/api/log/proof/consistency to", Long.toString(size),
                    "/api/log/entries from", "0", "/api/log/entries to", "0", "/api/log/receipt position", Long.toString(position));
        }
        return logFixture;
    }

    @Provide
    Arbitrary<Attempt> participantAttempts() {
        return attempts(new Endpoint("POST", "/api/participants", "admin", vars -> Map.of(),
                vars -> Map.of("organisation", "Hostile Org " + UNIQUE.incrementAndGet(), "stakeholderType", "ACADEMIA",
                        "country", "DK", "displayName", "A delegate", "roles", List.of("PARTICIPANT")),
                List.of("/api/participants")));
    }

    @Provide
    Arbitrary<Attempt> consultationAttempts() {
        return attempts(
                new Endpoint("POST", "/api/consultations", "drafter", vars -> Map.of(),
                        vars -> ConcordApi.consultation("Hostile consultation", "PUBLIC"), List.of("/api/consultations/{consultationId}")),
                new Endpoint("POST", "/api/consultations/{c}/rounds", "drafter", vars -> draft(),
                        vars -> Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), List.of()),
                new Endpoint("POST", "/api/consultations/{c}/revisions", "drafter", vars -> draftWithProvision(),
                        vars -> Map.of("baseVersion", 1, "reason", "A revision", "changes", List.of(
                                Map.of("kind", "REPLACE", "provisionId", vars.get("p"), "text", "Revised wording."),
                                Map.of("kind", "INSERT_AFTER", "provisionId", vars.get("p"), "label", "9", "text", "A new provision."))),
                        List.of("/api/consultations/{c}/versions", "/api/consultations/{c}")));
    }

    @Provide
    Arbitrary<Attempt> amendmentAttempts() {
        String amendment = "/api/consultations/{c}/amendments/{a}";
        return attempts(
                new Endpoint("POST", "/api/consultations/{c}/amendments", "participant", vars -> Map.of(),
                        vars -> Map.of("kind", "INSERT_AFTER", "provisionId", vars.get("p"), "baseVersion", 1, "label", "h" + UNIQUE.incrementAndGet(),
                                "text", "An inserted provision.", "justification", "Because."),
                        List.of("/api/consultations/{c}/amendments/{amendmentId}")),
                new Endpoint("POST", amendment + "/accept", "drafter", vars -> insertion(),
                        vars -> Map.of("reason", "Agreed in plenary", "text", "The merged wording."),
                        List.of(amendment, "/api/consultations/{c}")),
                new Endpoint("POST", amendment + "/reject", "drafter", vars -> insertion(),
                        vars -> Map.of("reason", "Covered elsewhere"), List.of(amendment)));
    }

    @Provide
    Arbitrary<Attempt> commentAttempts() {
        return attempts(new Endpoint("POST", "/api/consultations/{c}/comments", "participant", vars -> Map.of(),
                vars -> Map.of("amendmentId", vars.get("a0"), "replyTo", vars.get("m0"), "body", "A reply.", "attribution", "CHATHAM_HOUSE"),
                List.of("/api/consultations/{c}/comments")));
    }

    @Provide
    Arbitrary<Attempt> webhookAttempts() {
        return attempts(new Endpoint("POST", "/api/webhooks", "participant", vars -> Map.of(),
                vars -> Map.of("url", "http://127.0.0.1:9/hostile-hook", "secret", "hostile-secret-0123456789",
                        "consultationId", vars.get("c"), "types", List.of("ConsultationAdopted"), "after", 0),
                List.of()));
    }

    @Provide
    Arbitrary<Attempt> negotiationAttempts() {
        return attempts(negotiationEndpoints().toArray(Endpoint[]::new));
    }

    /** Every write of issue #20 that reads a body, each on state of its own (a fresh consultation, bracket, compromise...). */
    private static List<Endpoint> negotiationEndpoints() {
        String c = "/api/consultations/{c}";
        String timeline = c + "/history";
        return List.of(
                new Endpoint("POST", c + "/provisions/{p}/status", "drafter", vars -> draftWithProvision(),
                        vars -> Map.of("status", "AGREED", "reason", "Agreed in plenary"), List.of(timeline)),
                new Endpoint("POST", c + "/provisions/{p}/brackets", "drafter", vars -> draftWithProvision(),
                        vars -> bracket(), List.of(c, timeline)),
                new Endpoint("POST", c + "/brackets/{b}/resolve", "drafter", vars -> bracketed(),
                        vars -> Map.of("text", "A wording agreed in the corridor", "reason", "Agreed in the corridor"), List.of(c, timeline)),
                new Endpoint("POST", c + "/compromises", "drafter", vars -> twoAmendments(),
                        vars -> Map.of("provisionId", vars.get("p"), "text", "A compromise wording.", "amendmentIds",
                                List.of(vars.get("a1"), vars.get("a2")), "deadline", Instant.now().plus(Duration.ofDays(1)).toString(),
                                "note", "Bridging both"), List.of(c + "/compromises", timeline)),
                new Endpoint("POST", c + "/compromises/{k}/object", "participant", vars -> compromise(),
                        vars -> Map.of("reason", "Our capital objects"), List.of(c + "/compromises/{k}", timeline)),
                new Endpoint("POST", c + "/compromises/{k}/accept", "drafter", vars -> consented(compromise()),
                        vars -> Map.of("reason", "Consented by every party"), List.of(timeline)),
                new Endpoint("POST", c + "/compromises/{k}/withdraw", "drafter", vars -> compromise(),
                        vars -> Map.of("reason", "Overtaken by events"), List.of(timeline)),
                new Endpoint("POST", c + "/provisions/{p}/ad-referendum", "participant", vars -> draftWithProvision(),
                        vars -> Map.of("note", "Subject to confirmation by Lisbon"), List.of(timeline)),
                new Endpoint("POST", c + "/provisions/{p}/ad-referendum/withdraw", "participant", vars -> agreedAdReferendum(),
                        vars -> Map.of("reason", "Lisbon says no"), List.of(timeline)),
                new Endpoint("POST", c + "/silence", "drafter", vars -> draftWithProvision(),
                        vars -> Map.of("provisionId", vars.get("p"), "deadline", localDeadline(Duration.ofDays(2)), "timeZone", "Europe/Paris",
                                "breakableBy", List.of("STATE", "NGO")), List.of(c + "/silence")),
                new Endpoint("POST", c + "/silence/current/break", "participant", vars -> underSilence(),
                        vars -> Map.of("reason", "Lisbon breaks silence"), List.of(c + "/silence", timeline)));
    }

    @Provide
    Arbitrary<Attempt> bodilessAttempts() {
        String amendment = "/api/consultations/{c}/amendments/{a}";
        String negotiation = "/api/consultations/{c}";
        return attempts(
                new Endpoint("POST", negotiation + "/brackets/{b}/alternatives/{alt}/support", "other", vars -> bracketed(),
                        vars -> Map.of(), List.of()),
                new Endpoint("DELETE", negotiation + "/brackets/{b}/alternatives/{alt}/support", "other",
                        vars -> alternativeSupported(bracketed()), vars -> Map.of(), List.of()),
                new Endpoint("POST", negotiation + "/compromises/{k}/consent", "participant", vars -> compromise(),
                        vars -> Map.of(), List.of()),
                new Endpoint("POST", negotiation + "/provisions/{p}/ad-referendum/confirm", "participant", vars -> agreedAdReferendum(),
                        vars -> Map.of(), List.of()),
                new Endpoint("POST", "/api/participants/{registered}/revoke", "admin",
                        vars -> Map.of("registered", api.register("Hostile Revocable " + UNIQUE.incrementAndGet(), "NGO", "BE",
                                "PARTICIPANT").get("participantId").asText()),
                        vars -> Map.of(), List.of()),
                new Endpoint("POST", "/api/consultations/{c}/rounds/current/close", "drafter", vars -> openConsultation(),
                        vars -> Map.of(), List.of()),
                new Endpoint("POST", "/api/consultations/{c}/adopt", "drafter", vars -> draft(), vars -> Map.of(), List.of()),
                new Endpoint("POST", "/api/consultations/{c}/endorsements", "participant", vars -> adopted(),
                        vars -> Map.of(), List.of()),
                new Endpoint("POST", amendment + "/support", "other", vars -> insertion(), vars -> Map.of(), List.of()),
                new Endpoint("DELETE", amendment + "/support", "other", vars -> supported(insertion()), vars -> Map.of(), List.of()),
                new Endpoint("POST", amendment + "/withdraw", "participant", vars -> insertion(), vars -> Map.of(), List.of()),
                new Endpoint("DELETE", "/api/webhooks/{w}", "participant",
                        vars -> Map.of("w", json(api.post(tokens.get("participant"), "/api/webhooks", Map.of("url", "http://127.0.0.1:9/hostile-hook",
                                "secret", "hostile-secret-0123456789", "consultationId", vars.get("c"), "types", List.of("ConsultationAdopted"))), 201)
                                .get("webhookId").asText()),
                        vars -> Map.of(), List.of()));
    }

    private static Arbitrary<Attempt> attempts(Endpoint... endpoints) {
        return Combinators.combine(Arbitraries.of(endpoints), mutations()).as(Attempt::new);
    }

    // ---- the hostile changes ----

    static Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> anyField = Arbitraries.integers().between(0, 1000);
        return Arbitraries.oneOf(
                Arbitraries.of("", "null", "[]", "{}", "\"a string\"", "1e400", "true", "{", "{\"a\":", "}{", "{\"a\":1}{\"b\":2}",
                                "[{}]", "{'single':'quotes'}", "{\"a\":1,}", "\ufeff{}", "NaN")
                        .map(body -> raw("the whole body " + abbreviate(body), body)),
                Arbitraries.integers().between(1, 40)
                        .map(cut -> new Mutation("the last " + cut + " characters cut off", node -> {
                            byte[] whole = bytes(node);
                            return Arrays.copyOf(whole, Math.max(0, whole.length - cut));
                        }, "application/json")),
                Combinators.combine(anyField, Arbitraries.of("42", "-1", "0", "3.5", "true", "false", "\"text\"", "{}", "[]", "null",
                                "[\"a\",\"b\"]", "[null]", "{\"kind\":\"REPLACE\"}"))
                        .as((field, value) -> replaced("a field set to " + value, field, value)),
                Combinators.combine(anyField, Arbitraries.of("1e400", "-1e400", "1180591620717411303424", "-1180591620717411303424",
                                "9223372036854775808", "1e-400", "2147483648", "-2147483649", "0.0000001", "1E+2"))
                        .as((field, value) -> replaced("a field set to the number " + value, field, value)),
                Combinators.combine(anyField, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
                        .as((field, word) -> replaced("a field set to the unknown word " + word, field, quoted(word))),
                Combinators.combine(anyField, hostileStrings())
                        .as((field, text) -> replaced("a field set to " + abbreviate(text), field, text)),
                Combinators.combine(anyField, Arbitraries.of(
                                new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                                new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                                new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{0x61, 0x00, 0x62}, new byte[]{0x01, 0x1B, 0x7F}))
                        .as((field, invalid) -> new Mutation("a string holding the raw bytes " + hex(invalid), node -> {
                            byte[] body = bytes(withValue(node, field, RAW));
                            return replaceRaw(body, concat(new byte[]{'"'}, invalid, new byte[]{'"'}));
                        }, "application/json")),
                Combinators.combine(anyField, Arbitraries.of(64, 1500, 20_000), Arbitraries.of("[", "{\"a\":"))
                        .as((field, depth, open) -> replaced("a field nested " + depth + " deep in " + open, field, nested(open, depth))),
                anyField.map(field -> new Mutation("a field left out", node -> bytes(without(node, field)), "application/json")),
                Combinators.combine(Arbitraries.of("participantId", "author", "by", "status", "version", "position", "roles", "__proto__",
                                "constructor", "consultationId", "organisation"),
                                Arbitraries.of("\"admin\"", "{\"participantId\":\"admin\",\"roles\":[\"ADMIN\"]}", "[\"ADMIN\"]", "99",
                                        "\"ADOPTED\"", "{}", "null"))
                        .as((name, value) -> new Mutation("an extra field " + name + "=" + value, node -> {
                            JsonNode copy = node.deepCopy();
                            if (copy instanceof ObjectNode object) {
                                object.put(name, RAW);
                            }
                            return replaceRaw(bytes(copy), value.getBytes(StandardCharsets.UTF_8));
                        }, "application/json")),
                anyField.map(field -> new Mutation("a field wrapped in an array", node -> bytes(wrapped(node, field)), "application/json")),
                Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json;charset=ISO-8859-1")
                        .map(type -> new Mutation("sent as " + type, HostileInputIT::bytes, type)));
    }

    /** Texts no field should choke on, as JSON string literals. */
    static Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(
                Arbitraries.of("\"\\ud800\"", "\"before\\udfffafter\"", "\"\\udc00\\ud800\"", "\"a\\u0000b\"", "\"\\u0000\"",
                        "\"\\u0001\\u0007\\u001b[31m\\u007f\"", "\"\\u202eevil\"", "\"\\ufeff\"", "\"\\ud83d\\ude00 emoji\"",
                        "\"   \"", "\"\\r\\n\\t\"", "\"\\\\\"", "\"${jndi:ldap://example.org/a}\"", "\"{{7*7}}\"",
                        "\"'; DROP TABLE events; --\"", "\"{\\\"$gt\\\": \\\"\\\"}\""),
                markup().map(HostileInputIT::quoted),
                Arbitraries.of(70, 5_001, 20_001, 600_000).map(length -> quoted("x".repeat(length))),
                Arbitraries.strings().all().ofMaxLength(30).map(HostileInputIT::quoted));
    }

    static Arbitrary<String> markup() {
        return Arbitraries.of("<script>alert('concord')</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>",
                "<a href=\"javascript:alert(1)\">click</a>", "</textarea><script>alert(document.cookie)</script>",
                "<iframe src=\"https://example.org\"></iframe>", "<b>bold</b> & <i>italic</i>");
    }

    private static Mutation raw(String name, String body) {
        return new Mutation(name, node -> body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static Mutation replaced(String name, int field, String rawJson) {
        return new Mutation(name, node -> replaceRaw(bytes(withValue(node, field, RAW)), rawJson.getBytes(StandardCharsets.UTF_8)),
                "application/json");
    }

    /** Every value below the root, by its parent and its key or index. */
    private static List<Object[]> slots(JsonNode root) {
        List<Object[]> slots = new ArrayList<>();
        collect(root, slots);
        return slots;
    }

    private static void collect(JsonNode node, List<Object[]> slots) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Object[]{object, name});
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Object[]{array, i});
                collect(array.get(i), slots);
            }
        }
    }

    /** The body with one value (the {@code field}-th, wrapping around) set to {@code value}; the whole body when it has none. */
    private static JsonNode withValue(JsonNode node, int field, String value) {
        JsonNode copy = node.deepCopy();
        List<Object[]> slots = slots(copy);
        if (slots.isEmpty()) {
            return new TextNode(value);
        }
        Object[] slot = slots.get(field % slots.size());
        if (slot[0] instanceof ObjectNode object) {
            object.put((String) slot[1], value);
        } else {
            ((ArrayNode) slot[0]).set((Integer) slot[1], new TextNode(value));
        }
        return copy;
    }

    private static JsonNode without(JsonNode node, int field) {
        JsonNode copy = node.deepCopy();
        List<Object[]> slots = slots(copy);
        if (slots.isEmpty()) {
            return JSON.nullNode();
        }
        Object[] slot = slots.get(field % slots.size());
        if (slot[0] instanceof ObjectNode object) {
            object.remove((String) slot[1]);
        } else {
            ((ArrayNode) slot[0]).remove((int) (Integer) slot[1]);
        }
        return copy;
    }

    private static JsonNode wrapped(JsonNode node, int field) {
        JsonNode copy = node.deepCopy();
        List<Object[]> slots = slots(copy);
        if (slots.isEmpty()) {
            return JSON.createArrayNode().add(copy);
        }
        Object[] slot = slots.get(field % slots.size());
        if (slot[0] instanceof ObjectNode object) {
            object.set((String) slot[1], JSON.createArrayNode().add(object.get((String) slot[1])));
        } else {
            ArrayNode array = (ArrayNode) slot[0];
            array.set((Integer) slot[1], JSON.createArrayNode().add(array.get((Integer) slot[1])));
        }
        return copy;
    }

    private static String nested(String open, int depth) {
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private static byte[] replaceRaw(byte[] body, byte[] replacement) {
        byte[] marker = ("\"" + RAW + "\"").getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(new String(marker, StandardCharsets.ISO_8859_1));
        if (at < 0) {
            return body;
        }
        return concat(Arrays.copyOfRange(body, 0, at), replacement,
                Arrays.copyOfRange(body, at + marker.length, body.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " characters)" : text;
        StringBuilder visible = new StringBuilder();
        shown.codePoints().forEach(c -> visible.append(c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return visible.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X ", b));
        }
        return hex.toString().trim();
    }

    // ---- one try ----

    /** One try: the request and every rule above; answers the status. */
    private static int check(Attempt attempt) throws Exception {
        Endpoint endpoint = attempt.endpoint();
        Map<String, String> vars = new HashMap<>(fixture);
        vars.putAll(endpoint.stage().apply(vars));
        String path = expand(endpoint.path(), vars);
        byte[] body = attempt.mutation().apply().apply(JSON.valueToTree(endpoint.validBody().apply(vars)));
        Snapshot before = snapshot(vars.get("c"));

        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", ConcordApi.bearer(tokens.get(endpoint.caller())))
                .header("Content-Type", attempt.mutation().contentType())
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = checked(client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        String where = attempt + " → " + response.statusCode() + " " + response.body();
        lastProblem = response.body();

        assertThat(response.statusCode()).as(where).isLessThan(500);
        List<String> sentTexts = textsIn(body);
        if (!endpoint.readBacks().isEmpty() || endpoint.path().equals("/api/webhooks")) {
            // half a surrogate pair cannot be stored faithfully: refused, never stored altered
            if (sentTexts.stream().anyMatch(HostileInputIT::hasUnpairedSurrogate)) {
                assertThat(response.statusCode()).as(where + ": text that is not Unicode is refused").isBetween(400, 499);
            }
        }
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(where).contains("nosniff");
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(where).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).as(where).isEqualTo(response.statusCode());
            assertThat(response.body()).as(where).doesNotContain("org.concord", "java.", "Exception", "\tat ", "springframework", "jackson");
            Snapshot after = snapshot(vars.get("c"));
            assertThat(after).as(where + ": nothing may be written, yet the store holds " + eventsAfter(before.head())).isEqualTo(before);
        } else {
            assertThat(response.headers().firstValue("Content-Type")).as(where).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            JsonNode answer = JSON.readTree(response.body());
            answer.properties().forEach(field -> {
                if (field.getValue().isTextual()) {
                    vars.put(field.getKey(), field.getValue().asText());
                }
            });
            // markup and control characters are data: stored and answered exactly as sent, inside JSON strings
            // (an endpoint that reads no body, and so has nothing to read back, ignores whatever was sent)
            if (!endpoint.readBacks().isEmpty()) {
                List<String> verbatim = sentTexts.stream().filter(text -> text.contains("<") || text.chars().anyMatch(c -> c < 0x20)).toList();
                List<String> readBack = new ArrayList<>();
                for (String read : endpoint.readBacks()) {
                    readBack.addAll(readBack(expand(read, vars), answer.path("position").asLong(), where));
                }
                assertThat(readBack).as(where + ", read back at " + endpoint.readBacks() + ": " + readBack).containsAll(verbatim);
            }
            if (endpoint.method().equals("POST") && answer.has("webhookId")) {
                // registered only to see the body accepted: removed so that it never calls anyone
                json(api.http.delete().uri("/api/webhooks/{id}", answer.get("webhookId").asText())
                        .header("Authorization", ConcordApi.bearer(tokens.get(endpoint.caller()))).exchange(), 200);
            }
        }
        return response.statusCode();
    }

    /** The texts of a body as a JSON parser reads them; none when it is no JSON. */
    private static List<String> textsIn(byte[] body) {
        List<String> texts = new ArrayList<>();
        try {
            collectTexts(JSON.readTree(body), texts);
        } catch (IOException notJson) {
            return List.of();
        }
        return texts;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node instanceof ContainerNode<?>) {
            node.elements().forEachRemaining(child -> collectTexts(child, texts));
        }
    }

    /** The answer, once held against the OpenAPI document. */
    private static HttpResponse<String> checked(HttpResponse<String> response) {
        return OpenApiContract.of(gateway).check(response);
    }

    /** The texts of a read, answered as JSON with nosniff, once the read models have processed {@code position}. */
    private static List<String> readBack(String path, long position, String where) throws Exception {
        HttpResponse<String> read = checked(client.send(HttpRequest.newBuilder(gateway.resolve(path))
                        .header("Authorization", ConcordApi.bearer(tokens.get("drafter")))
                        .header("X-Concord-Min-Position", Long.toString(position)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        assertThat(read.statusCode()).as(where + ", read back at " + path).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).as(where).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(read.headers().firstValue("X-Content-Type-Options")).as(where).contains("nosniff");
        List<String> texts = new ArrayList<>();
        collectTexts(JSON.readTree(read.body()), texts);
        return texts;
    }

    /**
     * What a rejected request must leave as it was: the number of events and of documents in every
     * collection (read models, webhooks, credentials), and what the consultation's reads show.
     */
    record Snapshot(long head, long events, Map<String, Long> documents, List<String> reads) {
    }

    private static List<String> eventsAfter(long head) {
        List<String> events = new ArrayList<>();
        database.getCollection("events").find(Filters.gt("_id", head))
                .forEach(event -> events.add(event.get("_id") + " " + event.get("payloadType") + " at " + event.get("appendedAt") + " "
                        + (event.get("payload") instanceof Binary binary ? new String(binary.getData(), StandardCharsets.UTF_8) : event.get("payload"))));
        return events;
    }

    private static Snapshot snapshot(String consultation) throws Exception {
        Document last = database.getCollection("events").find().sort(Sorts.descending("_id")).limit(1).first();
        long head = last == null ? 0 : ((Number) last.get("_id")).longValue();
        // the reads wait until every projection has processed the head, so the read models are settled before they are counted
        List<String> reads = new ArrayList<>();
        for (String read : List.of("/api/consultations/" + consultation, "/api/consultations/" + consultation + "/amendments",
                "/api/consultations/" + consultation + "/comments", "/api/participants")) {
            HttpResponse<String> response = checked(client.send(HttpRequest.newBuilder(gateway.resolve(read))
                            .header("Authorization", ConcordApi.bearer(tokens.get("drafter")))
                            .header("X-Concord-Min-Position", Long.toString(head)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            assertThat(response.headers().firstValue("X-Concord-Caught-Up")).as(read).contains("true");
            reads.add(response.statusCode() + " " + response.body());
        }
        Map<String, Long> documents = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            // the verifiable log's collections grow behind the store on their own (its builder, its checkpoints):
            // what a refused write must not touch is the store and the read models
            if (!name.startsWith("log_")) {
                documents.put(name, database.getCollection(name).countDocuments());
            }
        }
        return new Snapshot(head, database.getCollection("events").countDocuments(), documents, reads);
    }

    // ---- what each try needs ----

    private static Map<String, String> draft() {
        String c = json(api.createConsultation(tokens.get("drafter"), "Hostile draft", "PUBLIC"), 201).get("consultationId").asText();
        return Map.of("c", c);
    }

    private static Map<String, String> draftWithProvision() {
        JsonNode created = json(api.createConsultation(tokens.get("drafter"), "Hostile draft", "PUBLIC"), 201);
        String consultation = created.get("consultationId").asText();
        String provision = json(api.get(tokens.get("drafter"), "/api/consultations/{c}?minPosition={p}", consultation,
                created.get("position").asLong()), 200).at("/provisions/0/provisionId").asText();
        return Map.of("c", consultation, "p", provision);
    }

    private static Map<String, String> openConsultation() {
        Map<String, String> draft = draft();
        json(api.post(tokens.get("drafter"), "/api/consultations/{c}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), draft.get("c")), 201);
        return draft;
    }

    private static Map<String, String> adopted() {
        Map<String, String> draft = draft();
        json(api.post(tokens.get("drafter"), "/api/consultations/{c}/adopt", null, draft.get("c")), 200);
        return draft;
    }

    /** A fresh amendment by the participant on the open consultation, under a label of its own so that it is never stale. */
    private static Map<String, String> insertion() {
        return Map.of("a", json(api.post(tokens.get("participant"), "/api/consultations/{c}/amendments",
                Map.of("kind", "INSERT_AFTER", "provisionId", fixture.get("p"), "baseVersion", 1, "label", "i" + UNIQUE.incrementAndGet(),
                        "text", "An inserted provision.", "justification", "Because."), fixture.get("c")), 201).get("amendmentId").asText());
    }

    /** A fresh draft whose first provision's first two words are bracketed with two alternatives. */
    private static Map<String, String> bracketed() {
        Map<String, String> vars = new HashMap<>(draftWithProvision());
        JsonNode made = json(api.post(tokens.get("drafter"), "/api/consultations/{c}/provisions/{p}/brackets", bracket(),
                vars.get("c"), vars.get("p")), 201);
        vars.put("b", made.get("bracketId").asText());
        vars.put("alt", made.at("/alternativeIds/0").asText());
        return vars;
    }

    private static Map<String, String> alternativeSupported(Map<String, String> vars) {
        json(api.post(tokens.get("other"), "/api/consultations/{c}/brackets/{b}/alternatives/{alt}/support", null,
                vars.get("c"), vars.get("b"), vars.get("alt")), 200);
        return vars;
    }

    /** A fresh consultation with an open round and two amendments to its first provision, the participant's and the other's. */
    private static Map<String, String> twoAmendments() {
        Map<String, String> vars = new HashMap<>(draftWithProvision());
        json(api.post(tokens.get("drafter"), "/api/consultations/{c}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), vars.get("c")), 201);
        vars.put("a1", json(api.post(tokens.get("participant"), "/api/consultations/{c}/amendments", replacement(vars.get("p")),
                vars.get("c")), 201).get("amendmentId").asText());
        vars.put("a2", json(api.post(tokens.get("other"), "/api/consultations/{c}/amendments", replacement(vars.get("p")),
                vars.get("c")), 201).get("amendmentId").asText());
        return vars;
    }

    /** A pending compromise of two amendments by the participant and the other: both their organisations are parties. */
    private static Map<String, String> compromise() {
        Map<String, String> vars = new HashMap<>(twoAmendments());
        vars.put("k", json(api.post(tokens.get("drafter"), "/api/consultations/{c}/compromises", Map.of("provisionId", vars.get("p"),
                "text", "A compromise wording.", "amendmentIds", List.of(vars.get("a1"), vars.get("a2")),
                "deadline", Instant.now().plus(Duration.ofDays(1)).toString()), vars.get("c")), 201).get("compromiseId").asText());
        return vars;
    }

    private static Map<String, String> consented(Map<String, String> vars) {
        for (String party : List.of("participant", "other")) {
            json(api.post(tokens.get(party), "/api/consultations/{c}/compromises/{k}/consent", null, vars.get("c"), vars.get("k")), 200);
        }
        return vars;
    }

    private static Map<String, String> agreedAdReferendum() {
        Map<String, String> vars = draftWithProvision();
        json(api.post(tokens.get("participant"), "/api/consultations/{c}/provisions/{p}/ad-referendum", Map.of(),
                vars.get("c"), vars.get("p")), 201);
        return vars;
    }

    /** A fresh draft under a silence on its whole text, two days long, which the participant (a state's) may break. */
    private static Map<String, String> underSilence() {
        Map<String, String> vars = draftWithProvision();
        json(api.post(tokens.get("drafter"), "/api/consultations/{c}/silence", Map.of("deadline", localDeadline(Duration.ofDays(2)),
                "timeZone", "Europe/Paris"), vars.get("c")), 201);
        return vars;
    }

    private static Map<String, String> supported(Map<String, String> amendment) {
        json(api.post(tokens.get("other"), "/api/consultations/{c}/amendments/{a}/support", null, fixture.get("c"), amendment.get("a")), 200);
        return amendment;
    }

    private static Map<String, Object> replacement(String provision) {
        return Map.of("kind", "REPLACE", "provisionId", provision, "baseVersion", 1, "text", "A replacement.", "justification", "Because.");
    }

    private static String expand(String template, Map<String, String> vars) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(vars.get(matcher.group(1))));
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
