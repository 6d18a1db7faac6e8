package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.SpringBootVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes the stored-data fixture that {@link StoredDataCompatibilityIT} reads: runs the packaged services of
 * this release against a fresh database, drives them through every kind of event, then records the database
 * ({@link StoredData}), every aggregate's state ({@link AggregateStates}), the answers of the read endpoints
 * and the writes sent with an {@code Idempotency-Key}. Runs only on demand (system-tests/README.md):
 * a fixture written by a later release would prove nothing about the data of this one.
 */
@EnabledIfSystemProperty(named = "concord.stored-data.write", matches = "true")
class StoredDataFixtureWriterIT {

    static final String DEADLINE = "2099-06-30T17:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> participants = new LinkedHashMap<>();
    private final ArrayNode keyedWrites = JSON.createArrayNode();
    private final ArrayNode answers = JSON.createArrayNode();
    private WebTestClient http;
    private long lastPosition;

    @Test
    void writes_the_stored_data_fixture() throws IOException {
        TestMongoDatabase database = MongoDbExtension.newDatabase();
        // a snapshot after every 10 events of a consultation, so that the fixture holds snapshots of a small story
        try (ConcordProcesses concord = ConcordProcesses.start(database, "stored-data-writer",
                Map.of("CONCORD_SNAPSHOTS_CONSULTATION_EVERY", "10"))) {
            http = WebTestClient.bindToServer().baseUrl(concord.gateway().toString())
                    .codecs(codecs -> codecs.customCodecs().register(new JsonTreeDecoder()))
                    .responseTimeout(Duration.ofSeconds(30)).build();
            tokens.put("admin", ConcordApi.ADMIN);
            Story story = story();
            awaitProjected();
            recordAnswers(story);

            Path fixture = StoredDataFixture.directory();
            try (Stream<Path> old = Files.exists(fixture) ? Files.walk(fixture) : Stream.empty()) {
                old.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(fixture)).forEach(p -> p.toFile().delete());
            }
            StoredData.dump(database.serverUri(), database.name(), fixture.resolve(StoredDataFixture.STORE));
            write(fixture.resolve(StoredDataFixture.AGGREGATES), aggregates(database));
            write(fixture.resolve(StoredDataFixture.ANSWERS), answers);
            write(fixture.resolve(StoredDataFixture.KEYED_WRITES), keyedWrites);
            ObjectNode about = JSON.createObjectNode();
            // the last commit of the release: the system tests, this writer and its fixture are no part of it
            about.put("commit", git("log", "-1", "--format=%H", "--", ".", ":(exclude)system-tests"));
            about.put("uncommittedChanges", !git("status", "--porcelain", "--", ".", ":(exclude)system-tests").isEmpty());
            about.put("springBoot", SpringBootVersion.getVersion());
            about.put("axon", jarVersion(EventSourcingRepository.class, "axon-eventsourcing-"));
            about.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
            about.put("lastPosition", lastPosition);
            about.set("tokens", JSON.valueToTree(tokens));
            about.set("participants", JSON.valueToTree(participants));
            write(fixture.resolve(StoredDataFixture.ABOUT), about);
        }
    }

    /** What the story created: consultation ids by name, and the ids the reads need. */
    record Story(Map<String, String> consultations, Map<String, List<String>> amendments, Map<String, List<String>> provisions,
                 List<String> webhooks) {
    }

    private Story story() {
        register("drafter", "Secrétariat des co-hôtes (Royaume-Uni et France)", "INTERNATIONAL_ORGANISATION", "FR",
                "Équipe de rédaction — penholders", "DRAFTER", "register/drafter");
        register("france", "République française", "STATE", "FR", "Délégation de la France : Hélène Cœur-Lévêque", "PARTICIPANT", null);
        register("egypt", "جمهورية مصر العربية", "STATE", "EG", "وفد مصر", "PARTICIPANT", null);
        register("japan", "日本国", "STATE", "JP", "日本政府代表団", "PARTICIPANT", "register/japan");
        register("ngo", "Digital Rights Watch 🛡️", "NGO", "KE", "Wanjiru Kamau 🌍", "PARTICIPANT", null);
        register("company", "Vantage Systèmes SA", "COMPANY", "CH", "Vantage — affaires publiques", "PARTICIPANT", null);
        register("academia", "Université de Genève", "ACADEMIA", "CH", "Faculté de droit", "PARTICIPANT", null);
        register("observer", "Le Monde diplomatique", "COMPANY", "FR", "Rédaction", "OBSERVER", null);
        register("former", "Former Delegation of Iceland", "STATE", "IS", "Þórdís Guðmundsdóttir", "PARTICIPANT", null);

        // the code of practice: PUBLIC, created by the drafter, two rounds, adopted and endorsed
        String code = post("drafter", "/api/consultations", Map.of(
                "title", "Code de bonne pratique — Code of Practice 🌐 行動規範 · مدونة السلوك",
                "summary", "Capacités commerciales d'intrusion informatique : « logiciels espions », piratage à gages.",
                "visibility", "PUBLIC",
                "provisions", List.of(
                        Map.of("label", "1", "text", "Les États devraient réglementer la vente d'outils d'intrusion, y compris les « logiciels espions »."),
                        Map.of("label", "2", "text", "ينبغي للدول أن تنظم بيع أدوات الاختراق التجارية."),
                        Map.of("label", "2.a", "text", "ベンダーは人権への影響を評価すべきである。"),
                        Map.of("label", "3", "text", "Vendors should publish a transparency report 📊 every year."))),
                "create/code").get("consultationId").asText();
        Map<String, String> p = provisions(code);
        post("drafter", "/api/consultations/{c}/rounds", Map.of("deadline", DEADLINE), null, code);
        String replace = propose("france", code, "REPLACE", p.get("1"), 1, "Les États doivent réglementer la vente et l'exportation d'outils d'intrusion.",
                null, "« Devraient » n'engage personne ; l'exportation doit être couverte.", "amend/france");
        String insert = propose("egypt", code, "INSERT_AFTER", p.get("2"), 1, "ينبغي للدول تبادل المعلومات بشأن رفض التراخيص.", "2.b",
                "لمنع التحايل بين الولايات القضائية.", null);
        String delete = propose("company", code, "DELETE", p.get("3"), 1, null, null,
                "Les rapports annuels dupliquent les obligations existantes.", null);
        String withdrawn = propose("ngo", code, "REPLACE", p.get("2.a"), 1, "Vendors must assess and publish human-rights impacts ✊.",
                null, "Assessments that stay secret protect no one.", null);
        String modified = propose("japan", code, "REPLACE", p.get("3"), 1, "ベンダーは毎年透明性報告書を公表すべきである。",
                null, "年次報告は既に複数の国で実施されている。", null);
        post("egypt", "/api/consultations/{c}/amendments/{a}/support", null, "support/egypt", code, replace);
        post("japan", "/api/consultations/{c}/amendments/{a}/support", null, null, code, replace);
        post("ngo", "/api/consultations/{c}/amendments/{a}/support", null, null, code, replace);
        post("academia", "/api/consultations/{c}/amendments/{a}/support", null, null, code, insert);
        post("france", "/api/consultations/{c}/amendments/{a}/support", null, null, code, modified);
        post("academia", "/api/consultations/{c}/amendments/{a}/support", null, null, code, modified);
        exchange("academia", http.delete().uri("/api/consultations/{c}/amendments/{a}/support", code, modified));

        String welcome = comment("france", code, Map.of("body", "La France salue ce projet et remercie les co-hôtes.",
                "attribution", "ATTRIBUTED"), "comment/france");
        comment("egypt", code, Map.of("replyTo", welcome, "body", "مصر تؤيد هذا النص وتشكر فرنسا.", "attribution", "ATTRIBUTED"), null);
        String endUser = comment("company", code, Map.of("provisionId", p.get("2.a"),
                "body", "Les fournisseurs ne connaissent pas toujours l'utilisateur final.", "attribution", "CHATHAM_HOUSE"), null);
        comment("ngo", code, Map.of("replyTo", endUser, "body", "That is why end-use audits are needed 🔍.", "attribution", "CHATHAM_HOUSE"), null);
        String onAmendment = comment("japan", code, Map.of("amendmentId", modified, "body", "日本はこの修正案を支持する。",
                "attribution", "ATTRIBUTED"), null);
        comment("drafter", code, Map.of("replyTo", onAmendment, "body", "Les rédacteurs en prennent note.", "attribution", "ATTRIBUTED"), null);
        comment("former", code, Map.of("body", "Iceland will follow the discussion from outside.", "attribution", "ATTRIBUTED"), null);
        post("admin", "/api/participants/{id}/revoke", null, null, participants.get("former"));

        post("ngo", "/api/consultations/{c}/amendments/{a}/withdraw", null, null, code, withdrawn);
        post("drafter", "/api/consultations/{c}/rounds/current/close", null, null, code);
        decide(code, replace, "accept", Map.of("reason", "Large soutien — broad support."), "decide/replace");
        decide(code, modified, "accept", Map.of("reason", "Accepté avec une formulation fusionnée.",
                "text", "ベンダーは毎年、透明性報告書 📊 を公表すべきである。"), null);
        decide(code, insert, "accept", Map.of("reason", "يمنع التحايل."), null);
        decide(code, delete, "reject", Map.of("reason", "Les organes de contrôle ont besoin de ces rapports."), null);
        int version = detail(code).get("version").asInt();
        post("drafter", "/api/consultations/{c}/revisions", Map.of("baseVersion", version,
                "reason", "Toilettage juridique après le premier tour.",
                "changes", List.of(
                        Map.of("kind", "REPLACE", "provisionId", p.get("2"), "text", "ينبغي للدول أن تنظم بيع أدوات الاختراق التجارية وتصديرها."),
                        Map.of("kind", "INSERT_AFTER", "provisionId", p.get("3"), "label", "4",
                                "text", "Les États devraient réexaminer ce code tous les deux ans."))),
                "revise/code", code);
        Map<String, String> revised = provisions(code);
        post("drafter", "/api/consultations/{c}/rounds", Map.of("deadline", DEADLINE), null, code);
        String review = propose("academia", code, "REPLACE", revised.get("4"), version + 1,
                "Les États devraient réexaminer ce code tous les deux ans, avec la société civile.", null,
                "La société civile doit participer à l'examen.", null);
        comment("academia", code, Map.of("amendmentId", review, "body", "Un examen ouvert renforce la légitimité.",
                "attribution", "CHATHAM_HOUSE"), null);
        post("drafter", "/api/consultations/{c}/rounds/current/close", null, null, code);
        decide(code, review, "accept", Map.of("reason", "Consensus au second tour."), null);
        post("drafter", "/api/consultations/{c}/adopt", null, "adopt/code", code);
        post("france", "/api/consultations/{c}/endorsements", null, "endorse/france", code);
        post("japan", "/api/consultations/{c}/endorsements", null, null, code);
        post("ngo", "/api/consultations/{c}/endorsements", null, null, code);

        // a RESTRICTED consultation proposed by a participant, its round still open
        String annex = post("egypt", "/api/consultations", Map.of("title", "ملحق مقيد — Annexe restreinte",
                "summary", "Notification des incidents entre États.", "visibility", "RESTRICTED",
                "provisions", List.of(Map.of("label", "1", "text", "تخطر الدول بعضها بعضا خلال ثلاثين يوما."),
                        Map.of("label", "2", "text", "Les notifications passent par les points de contact existants."))),
                null).get("consultationId").asText();
        Map<String, String> a = provisions(annex);
        post("drafter", "/api/consultations/{c}/rounds", Map.of("deadline", DEADLINE), null, annex);
        String open = propose("france", annex, "REPLACE", a.get("2"), 1, "Les notifications passent par les points de contact du G7.",
                null, "Précision.", null);
        post("ngo", "/api/consultations/{c}/amendments/{a}/support", null, null, annex, open);
        comment("japan", annex, Map.of("provisionId", a.get("1"), "body", "三十日は短すぎる。", "attribution", "CHATHAM_HOUSE"), null);

        // a DRAFT nobody has touched yet
        String draft = post("drafter", "/api/consultations", Map.of("title", "Projet — industrie 🏭", "summary", "",
                "visibility", "PUBLIC", "provisions", List.of(Map.of("label", "1", "text", "Les entreprises devraient…"))),
                null).get("consultationId").asText();

        // webhooks last, so that no delivery of the story's events is pending when the fixture is written
        String hook = post("france", "/api/webhooks", Map.of("url", "http://127.0.0.1:9/concord-hook",
                "secret", "stored-data-secret-0123456789", "consultationId", code, "types", List.of("ConsultationAdopted")),
                null).get("webhookId").asText();
        String observerHook = post("observer", "/api/webhooks", Map.of("url", "http://127.0.0.1:9/observer-hook",
                "secret", "observer-secret-0123456789", "types", List.of("ConsultationAdopted")), null).get("webhookId").asText();

        Map<String, String> consultations = new LinkedHashMap<>();
        consultations.put("code", code);
        consultations.put("annex", annex);
        consultations.put("draft", draft);
        return new Story(consultations,
                Map.of(code, List.of(replace, insert, delete, withdrawn, modified, review), annex, List.of(open), draft, List.of()),
                Map.of(code, List.copyOf(provisions(code).values()), annex, List.copyOf(a.values()), draft,
                        List.copyOf(provisions(draft).values())),
                List.of(hook, observerHook));
    }

    private void recordAnswers(Story story) {
        read("anonymous", "/api/consultations");
        read("drafter", "/api/consultations");
        read("company", "/api/consultations");
        read("admin", "/api/participants");
        tokens.keySet().stream().filter(caller -> !caller.equals("former")).forEach(caller -> read(caller, "/api/me"));
        participants.values().forEach(id -> read("admin", "/api/admin/audit?participantId=" + id));
        for (String c : story.consultations().values()) {
            String base = "/api/consultations/" + c;
            int version = detail(c).get("version").asInt();
            for (String caller : List.of("drafter", "company", "anonymous")) {
                read(caller, base);
                read(caller, base + "/comments");
                read(caller, base + "/history");
            }
            read("drafter", base + "/endorsements");
            read("drafter", base + "/amendments");
            story.amendments().get(c).forEach(amendment -> read("drafter", base + "/amendments/" + amendment));
            read("drafter", base + "/versions");
            for (int v = 1; v <= version; v++) {
                read("drafter", base + "/versions/" + v);
            }
            read("drafter", base + "/text");
            read("drafter", base + "/diff?from=1&to=" + version);
            story.provisions().get(c).forEach(provision -> read("drafter", base + "/provisions/" + provision + "/history"));
            read("drafter", base + "/provenance");
            read("drafter", base + "/statistics");
            read("drafter", base + "/dispositions");
            readAs("drafter", base + "/dispositions", "text/csv");
            readAs("anonymous", base + "/feed.atom", "application/atom+xml");
        }
        read("france", "/api/webhooks");
        read("observer", "/api/webhooks");
        read("france", "/api/webhooks/" + story.webhooks().get(0));
        read("france", "/api/webhooks/" + story.webhooks().get(0) + "/deliveries");
    }

    private void read(String caller, String path) {
        readAs(caller, path, MediaType.APPLICATION_JSON_VALUE);
    }

    private void readAs(String caller, String path, String accept) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(path).header(HttpHeaders.ACCEPT, accept);
        if (!caller.equals("anonymous")) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get(caller));
        }
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        ObjectNode answer = answers.addObject();
        answer.put("caller", caller);
        answer.put("path", path);
        answer.put("accept", accept);
        answer.put("status", result.getStatus().value());
        answer.set("body", body(result));
    }

    private static JsonNode body(EntityExchangeResult<byte[]> result) {
        byte[] bytes = result.getResponseBody() == null ? new byte[0] : result.getResponseBody();
        MediaType type = result.getResponseHeaders().getContentType();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (type != null && type.getSubtype().endsWith("json") && !text.isEmpty()) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + text, e);
            }
        }
        return TextNode.valueOf(text);
    }

    private ArrayNode aggregates(TestMongoDatabase database) {
        ArrayNode aggregates = JSON.createArrayNode();
        try (AggregateStates states = new AggregateStates(database.uri(), database.name())) {
            StoredDataFixture.aggregateIds(StoredData.read(StoredDataFixture.directory().resolve(StoredDataFixture.STORE)))
                    .forEach((id, type) -> {
                        ObjectNode aggregate = aggregates.addObject();
                        aggregate.put("type", type);
                        aggregate.put("id", id);
                        aggregate.setAll(states.load(type, id));
                    });
        }
        assertThat(aggregates.findValues("snapshotAt").stream().anyMatch(at -> !at.isNull()))
                .as("the fixture holds at least one snapshot").isTrue();
        return aggregates;
    }

    private void register(String name, String organisation, String type, String country, String displayName, String role, String key) {
        JsonNode answer = post("admin", "/api/participants", Map.of("organisation", organisation, "stakeholderType", type,
                "country", country, "displayName", displayName, "roles", List.of(role)), key);
        tokens.put(name, answer.get("token").asText());
        participants.put(name, answer.get("participantId").asText());
    }

    private String propose(String caller, String consultation, String kind, String provision, int baseVersion, String text,
                           String label, String justification, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("provisionId", provision);
        body.put("baseVersion", baseVersion);
        if (text != null) {
            body.put("text", text);
        }
        if (label != null) {
            body.put("label", label);
        }
        body.put("justification", justification);
        return post(caller, "/api/consultations/{c}/amendments", body, key, consultation).get("amendmentId").asText();
    }

    private String comment(String caller, String consultation, Map<String, Object> body, String key) {
        return post(caller, "/api/consultations/{c}/comments", body, key, consultation).get("commentId").asText();
    }

    private void decide(String consultation, String amendment, String decision, Map<String, Object> body, String key) {
        post("drafter", "/api/consultations/{c}/amendments/{a}/" + decision, body, key, consultation, amendment);
    }

    /** A POST that must succeed; with a key, it is recorded so that the compatibility test can send it again. */
    private JsonNode post(String caller, String path, Object body, String key, Object... variables) {
        WebTestClient.RequestBodySpec request = http.post().uri(path, variables)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get(caller));
        String idempotencyKey = key == null ? null : "stored-data/" + key;
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        // the body is sent as recorded, byte for byte: the stored answer of a key belongs to one request body
        String bytes = body == null ? null : compact(body);
        WebTestClient.RequestHeadersSpec<?> withBody = bytes == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(bytes);
        EntityExchangeResult<byte[]> result = withBody.exchange().expectBody().returnResult();
        JsonNode answer = body(result);
        assertThat(result.getStatus().is2xxSuccessful()).as("POST %s as %s: %s %s", path, caller, result.getStatus(), answer).isTrue();
        track(answer);
        if (idempotencyKey != null) {
            ObjectNode write = keyedWrites.addObject();
            write.put("caller", caller);
            write.put("path", UriComponentsBuilder.fromUriString(path).buildAndExpand(variables).toUriString());
            write.put("key", idempotencyKey);
            write.put("body", bytes);
            write.put("status", result.getStatus().value());
            write.set("answer", answer);
        }
        return answer;
    }

    private static String compact(Object body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exchange(String caller, WebTestClient.RequestHeadersSpec<?> request) {
        EntityExchangeResult<byte[]> result = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get(caller))
                .exchange().expectBody().returnResult();
        assertThat(result.getStatus().is2xxSuccessful()).as("%s", result).isTrue();
        track(body(result));
    }

    private void track(JsonNode answer) {
        if (answer.has("position")) {
            lastPosition = Math.max(lastPosition, answer.get("position").asLong());
        }
    }

    private JsonNode detail(String consultation) {
        return ConcordApi.json(http.get().uri("/api/consultations/{c}", consultation)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get("drafter"))
                .header("X-Concord-Min-Position", Long.toString(lastPosition)).exchange(), 200);
    }

    /** The consultation's current provisions, by label, in the order of the text. */
    private Map<String, String> provisions(String consultation) {
        Map<String, String> ids = new LinkedHashMap<>();
        detail(consultation).get("provisions").forEach(p -> ids.put(p.get("label").asText(), p.get("provisionId").asText()));
        return ids;
    }

    private void awaitProjected() {
        await().atMost(Duration.ofSeconds(60)).until(() -> "true".equals(http.get().uri("/api/consultations")
                .header("X-Concord-Min-Position", Long.toString(lastPosition)).exchange()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Concord-Caught-Up")));
    }

    private static void write(Path file, JsonNode json) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    }

    private static String git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", StoredDataFixture.root().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String jarVersion(Class<?> type, String prefix) {
        String jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).getFileName().toString();
        return jar.startsWith(prefix) ? jar.substring(prefix.length()).replace(".jar", "") : jar;
    }
}
