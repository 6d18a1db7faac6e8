package org.concord.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's story, step by step, through the public API: registrations, a restricted annex, then the
 * code of practice through two comment rounds with amendments of every kind, supports, comments of both
 * attributions with replies, a withdrawal, decisions of every kind, a revision between rounds and a stale
 * amendment accepted with merged wording. The consultation is left CLOSED after round 2.
 */
class DemoScript {

    static final String TOKENS_FILE = "demo-tokens.txt";

    private final ConcordClient api;
    private final String admin;
    private final PrintStream out;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> provisionIds = new HashMap<>();
    private String consultation;
    private Instant createdAt;
    private int proposed;
    private int supported;
    private int commented;

    DemoScript(ConcordClient api, String admin, PrintStream out) {
        this.api = api;
        this.admin = admin;
        this.out = out;
    }

    /** Runs every step; answers the id of the code of practice. */
    String run(Path dataDir) {
        register();
        Path tokensFile = writeTokens(dataDir);
        out.println("  registered " + tokens.size() + " delegates; their tokens are in " + tokensFile);
        restrictedAnnex();
        createCodeOfPractice();
        int version = roundOne();
        int revised = revision(version);
        roundTwo(version, revised);
        return consultation;
    }

    private void register() {
        SampleDelegates.all().forEach(delegate -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("organisation", delegate.organisation());
            body.put("stakeholderType", delegate.stakeholderType());
            body.put("country", delegate.country());
            body.put("displayName", delegate.displayName());
            body.put("roles", List.of(delegate.role()));
            JsonNode answer = api.post(admin, "/api/participants", body, "register/" + delegate.key());
            tokens.put(delegate.key(), answer.get("token").asText());
        });
    }

    private Path writeTokens(Path dataDir) {
        StringBuilder text = new StringBuilder("# Concord demo delegates: key, role, organisation, bearer token.\n"
                + "# Use a token as: curl -H 'Authorization: Bearer <token>' ...\n");
        SampleDelegates.all().forEach(d -> text.append(String.join("\t", d.key(), d.role(), d.organisation(),
                tokens.get(d.key()))).append('\n'));
        Path file = dataDir.resolve(TOKENS_FILE);
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the demo tokens to " + file + ": " + e.getMessage(), e);
        }
    }

    private void restrictedAnnex() {
        String drafter = tokens.get("drafter-fr");
        JsonNode created = api.post(drafter, "/api/consultations", Map.of("title", SampleText.RESTRICTED_TITLE,
                "summary", SampleText.RESTRICTED_SUMMARY, "visibility", "RESTRICTED",
                "provisions", SampleText.RESTRICTED_PROVISIONS), "annex/create");
        String annex = created.get("consultationId").asText();
        JsonNode detail = api.get(drafter, "/api/consultations/" + annex);
        openRound(drafter, annex, detail, 1, instant(detail).plus(Duration.ofDays(10)), "annex/round-1");
        api.post(tokens.get("germany"), "/api/consultations/" + annex + "/comments", Map.of(
                "provisionId", detail.at("/provisions/0/provisionId").asText(),
                "body", "Thirty days is workable for Germany if the notification can be made through existing contact points.",
                "attribution", "ATTRIBUTED"), "annex/comment/germany");
        out.println("  created the RESTRICTED annex " + annex + " with round 1 open");
    }

    private void createCodeOfPractice() {
        JsonNode created = api.post(drafter(), "/api/consultations", Map.of("title", SampleText.TITLE,
                "summary", SampleText.SUMMARY, "visibility", "PUBLIC", "provisions", SampleText.PROVISIONS), "main/create");
        consultation = created.get("consultationId").asText();
        JsonNode detail = refreshText();
        createdAt = instant(detail);
        out.println("  created the PUBLIC code of practice " + consultation + " with " + SampleText.PROVISIONS.size()
                + " provisions");
    }

    private int roundOne() {
        openRound(drafter(), consultation, api.get(null, path("")), 1, createdAt.plus(Duration.ofDays(5)), "main/round-1");

        String scope = propose("r1/kenya-scope", "kenya", "REPLACE", "1", 1,
                "This Code sets out voluntary commitments for States on the development, facilitation, purchase, transfer "
                        + "and use of commercial cyber intrusion capabilities, including spyware and hacking-for-hire services, "
                        + "whoever provides them.", null,
                "Hackers-for-hire deliver the same effects as a product sold off the shelf; the scope should not depend "
                        + "on the business model.");
        String redLine = propose("r1/defenders-red-line", "defenders", "REPLACE", "2.a.i", 1,
                "Where the assessment identifies a credible risk of use against journalists, human rights defenders, lawyers "
                        + "or political opponents, the acquisition shall not proceed under any circumstances.", null,
                "Our forensic work shows lawyers are targeted as often as journalists; a red line should read as one.");
        String denials = propose("r1/oecd-denials", "oecd", "INSERT_AFTER", "3.a", 1,
                "States should share information on licence denials with partner States, so that an export refused by one "
                        + "State is not approved by another.", "3.b",
                "Without information sharing, vendors move to the most permissive jurisdiction.");
        String records = propose("r1/vantage-records", "vantage", "DELETE", "2.b", 1, null, null,
                "Recording every sale duplicates existing export licensing obligations and would expose commercially "
                        + "sensitive customer lists.");
        String publication = propose("r1/free-press-publication", "free-press", "REPLACE", "4", 1,
                "States should publish, at least once a year, aggregate information on licences granted and refused for "
                        + "cyber intrusion capabilities, including the destination countries.", null,
                "'May publish' commits no one; annual aggregate reporting is already practised by several States.");
        String research = propose("r1/lakeshore-research", "lakeshore", "INSERT_AFTER", "5", 1,
                "States should support independent technical research into the detection of commercial spyware, and "
                        + "should protect good-faith researchers from legal action.", "5.a",
                "Most documented abuses were found by independent researchers.");
        String notification = propose("r1/civic-shield-notification", "civic-shield", "REPLACE", "6", 1,
                "States should ensure that persons targeted unlawfully with commercial cyber intrusion capabilities have "
                        + "access to an effective remedy, and should notify them once notification no longer endangers a "
                        + "legitimate investigation.", null,
                "A person who is never told cannot seek a remedy.");
        String weaker = propose("r1/kestrel-licences", "kestrel", "REPLACE", "3.a", 1,
                "A licence may be refused where there is a substantial and documented risk that the capability would be "
                        + "used to commit serious violations of human rights.", null,
                "Licensing authorities need discretion; a 'clear risk' test is hard to apply to dual-use tools.");

        support(scope, "r1/kenya-scope", "ghana", "cote-divoire", "drw", "lakeshore", "oas");
        support(redLine, "r1/defenders-red-line", "free-press", "canada", "estonia", "coe", "pacific-rights");
        support(denials, "r1/oecd-denials", "germany", "poland", "itu", "meridian");
        support(records, "r1/vantage-records", "aurora", "sakura");
        support(publication, "r1/free-press-publication", "drw", "open-net", "mexico", "warsaw-law", "coe");
        support(research, "r1/lakeshore-research", "accra-tech", "kyoto-lab");
        support(notification, "r1/civic-shield-notification", "defenders", "brazil", "coe");
        support(weaker, "r1/kestrel-licences", "lumen");

        String welcome = comment("r1/uk-welcome", "uk", "ATTRIBUTED", null, null, null,
                "The United Kingdom welcomes this first draft and encourages every delegation to comment before the deadline.");
        comment("r1/mexico-reply", "mexico", "ATTRIBUTED", null, null, welcome,
                "Mexico supports the structure and hopes the Code will also address support for victims in our region.");
        String endUser = comment("r1/kestrel-end-user", "kestrel", "CHATHAM_HOUSE", "2.a", null, null,
                "Vendors cannot always know the final end user when they sell through integrators; the assessment "
                        + "should recognise that limit.");
        comment("r1/defenders-end-user", "defenders", "CHATHAM_HOUSE", null, null, endUser,
                "That is exactly why contractual end-use assurances and audits are needed.");
        comment("r1/drafter-end-user", "drafter-fr", "ATTRIBUTED", null, null, endUser,
                "The penholders note the point and will consider it in the revision between rounds.");
        comment("r1/japan-publication", "japan", "ATTRIBUTED", "4", null, null,
                "Aggregate publication is feasible for Japan; case-by-case publication would not be.");
        String keepRecords = comment("r1/privacy-first-records", "privacy-first", "ATTRIBUTED", null, records, null,
                "Deleting record-keeping would leave oversight bodies with nothing to inspect.");
        comment("r1/vantage-records-reply", "vantage", "ATTRIBUTED", null, null, keepRecords,
                "We do not object to records, only to a second regime in parallel; licence files already contain this.");
        String testing = comment("r1/singapore-testing", "singapore", "CHATHAM_HOUSE", null, scope, null,
                "'Whoever provides them' might capture legitimate penetration testing; a clarifying note would help.");
        comment("r1/kenya-testing", "kenya", "ATTRIBUTED", null, null, testing,
                "Authorised security testing is not intrusion against a target without consent; we are open to a note.");
        String fit = comment("r1/drafter-research", "drafter-uk", "ATTRIBUTED", null, research, null,
                "Protecting researchers matters, but it may fit better in the industry consultation that follows this Code.");
        comment("r1/lakeshore-research-reply", "lakeshore", "ATTRIBUTED", null, null, fit,
                "Understood: we withdraw the amendment and will raise it in the industry consultation.");
        comment("r1/brazil-judge", "brazil", "CHATHAM_HOUSE", "5", null, null,
                "Prior authorisation should come from a judge wherever the constitution allows it.");
        comment("r1/au-remedies", "au", "ATTRIBUTED", "6", null, null,
                "Remedies should be reachable across borders when the targeting State and the target's State differ.");

        api.post(tokens.get("lakeshore"), path("/amendments/" + research + "/withdraw"), null, "r1/lakeshore-research/withdraw");
        api.post(drafter(), path("/rounds/current/close"), null, "main/round-1/close");

        accept(scope, "r1/kenya-scope", "Broad support across stakeholder groups; the commentary will clarify authorised testing.", null);
        accept(redLine, "r1/defenders-red-line", "The red line is kept; 'under any circumstances' is left to national law.",
                "Where the assessment identifies a credible risk of use against journalists, human rights defenders, lawyers "
                        + "or political opponents, the acquisition should not proceed.");
        accept(denials, "r1/oecd-denials", "Prevents licence shopping between jurisdictions.", null);
        reject(records, "r1/vantage-records", "Oversight bodies need the records; 2.b allows them to be kept in licence files.");
        accept(publication, "r1/free-press-publication", "Annual aggregate reporting is feasible for the delegations that commented.", null);
        int version = accept(notification, "r1/civic-shield-notification", "Notification is the precondition of a remedy.", null);
        reject(weaker, "r1/kestrel-licences", "A discretionary test would weaken the human rights safeguard the Code exists for.");
        out.println("  round 1: " + tally() + ", 1 withdrawn; closed, decided, now at version " + version);
        return version;
    }

    private int revision(int version) {
        Map<String, Object> body = Map.of("baseVersion", version,
                "reason", "Legal scrub after round 1: consistent wording of due diligence, and independent authorisation "
                        + "as several delegations asked.",
                "changes", List.of(
                        Map.of("kind", "REPLACE", "provisionId", provision("2"), "text",
                                "States should exercise due diligence before acquiring a commercial cyber intrusion capability, "
                                        + "and should require vendors established in their jurisdiction to do the same."),
                        Map.of("kind", "REPLACE", "provisionId", provision("5"), "text",
                                "Any use of a commercial cyber intrusion capability by a State agency should be lawful, "
                                        + "necessary and proportionate, authorised in advance by a judicial or other independent "
                                        + "authority, and subject to independent review after the fact.")));
        int revised = api.post(drafter(), path("/revisions"), body, "main/revision-1").get("version").asInt();
        refreshText();
        out.println("  drafter's revision between rounds: version " + revised);
        return revised;
    }

    private void roundTwo(int beforeRevision, int version) {
        openRound(drafter(), consultation, api.get(null, path("")), 2, createdAt.plus(Duration.ofDays(12)), "main/round-2");

        String logging = propose("r2/privacy-first-logging", "privacy-first", "REPLACE", "5", beforeRevision,
                "Any use of a commercial cyber intrusion capability by a State agency should be lawful, necessary and "
                        + "proportionate, authorised in advance, and recorded in a log that the oversight body can inspect.",
                null, "Prepared on the text circulated after round 1: without a log, review after the fact has nothing to review.");
        String services = propose("r2/japan-services", "japan", "REPLACE", "3", version,
                "States should control the export of cyber intrusion capabilities, and of related services such as training, "
                        + "maintenance and the supply of exploits, under their national export control regimes.", null,
                "Services are often exported without the tool itself and escape control today.");
        String review = propose("r2/tallinn-review", "tallinn-lab", "INSERT_AFTER", "6", version,
                "The co-hosts should convene the participants every two years to review the implementation of this Code and "
                        + "to update it where necessary.", "7",
                "Technology changes faster than codes of practice.");
        String dropSharing = propose("r2/aurora-sharing", "aurora", "DELETE", "3.b", version, null, null,
                "Information sharing between licensing authorities is already covered by multilateral export control arrangements.");

        boolean stale = api.get(null, path("/amendments/" + logging)).path("stale").asBoolean();
        support(logging, "r2/privacy-first-logging", "drw", "free-press", "coe", "warsaw-law");
        support(services, "r2/japan-services", "singapore", "korea", "france", "oecd");
        support(review, "r2/tallinn-review", "sorbonne-lab", "ghana", "au");
        support(dropSharing, "r2/aurora-sharing", "kestrel");

        String merge = comment("r2/drafter-merge", "drafter-uk", "ATTRIBUTED", null, logging, null,
                "This amendment was based on an earlier version; provision 5 was revised since. The penholders will merge "
                        + "the logging requirement into the revised wording.");
        comment("r2/privacy-first-merge", "privacy-first", "ATTRIBUTED", null, null, merge,
                "Agreed: the merged wording keeps what matters to us.");
        String interception = comment("r2/sakura-services", "sakura", "CHATHAM_HOUSE", "3", null, null,
                "Controlling maintenance services would affect support contracts for lawful interception interfaces.");
        comment("r2/japan-services-reply", "japan", "ATTRIBUTED", null, null, interception,
                "The amendment covers services for intrusion capabilities only, not lawful interception interfaces.");
        comment("r2/canada-ready", "canada", "ATTRIBUTED", null, null, null,
                "Canada is ready to endorse the text as revised in this round.");
        comment("r2/itu-review", "itu", "CHATHAM_HOUSE", null, review, null,
                "A review every two years is realistic for most delegations.");

        accept(logging, "r2/privacy-first-logging", "The logging requirement is merged into the wording revised after round 1.",
                "Any use of a commercial cyber intrusion capability by a State agency should be lawful, necessary and "
                        + "proportionate, authorised in advance by a judicial or other independent authority, recorded in a log "
                        + "that this authority can inspect, and subject to independent review after the fact.");
        accept(services, "r2/japan-services", "Closes a gap several delegations identified.", null);
        int last = accept(review, "r2/tallinn-review", "A periodic review keeps the Code current.", null);
        reject(dropSharing, "r2/aurora-sharing", "Not every participating State belongs to those arrangements; 3.b fills that gap.");
        api.post(drafter(), path("/rounds/current/close"), null, "main/round-2/close");
        out.println("  round 2: " + tally() + "; the amendment to 5 based on version " + beforeRevision + " was "
                + (stale ? "stale, and was " : "") + "accepted with merged wording; decided, closed at version " + last);
    }

    /** What this round recorded, counted afresh for the next one. */
    private String tally() {
        String tally = proposed + " amendments, " + supported + " supports, " + commented + " comments";
        proposed = 0;
        supported = 0;
        commented = 0;
        return tally;
    }

    private void openRound(String drafter, String id, JsonNode detail, int number, Instant deadline, String step) {
        // A resumed load finds the round already open; its deadline came from an earlier day and must not be sent again.
        if (detail.path("round").path("number").asInt(0) >= number) {
            return;
        }
        api.post(drafter, "/api/consultations/" + id + "/rounds", Map.of("deadline", deadline.toString()), step);
    }

    private String propose(String step, String author, String kind, String label, int baseVersion, String text,
                           String newLabel, String justification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("provisionId", provision(label));
        body.put("baseVersion", baseVersion);
        if (text != null) {
            body.put("text", text);
        }
        if (newLabel != null) {
            body.put("label", newLabel);
        }
        body.put("justification", justification);
        proposed++;
        return api.post(tokens.get(author), path("/amendments"), body, step).get("amendmentId").asText();
    }

    private void support(String amendmentId, String step, String... supporters) {
        for (String supporter : supporters) {
            api.post(tokens.get(supporter), path("/amendments/" + amendmentId + "/support"), null,
                    step + "/support/" + supporter);
            supported++;
        }
    }

    private String comment(String step, String author, String attribution, String provisionLabel, String amendmentId,
                           String replyTo, String body) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (provisionLabel != null) {
            request.put("provisionId", provision(provisionLabel));
        }
        if (amendmentId != null) {
            request.put("amendmentId", amendmentId);
        }
        if (replyTo != null) {
            request.put("replyTo", replyTo);
        }
        request.put("body", body);
        request.put("attribution", attribution);
        commented++;
        return api.post(tokens.get(author), path("/comments"), request, "comment/" + step).get("commentId").asText();
    }

    private int accept(String amendmentId, String step, String reason, String mergedText) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        if (mergedText != null) {
            body.put("text", mergedText);
        }
        int version = api.post(drafter(), path("/amendments/" + amendmentId + "/accept"), body, step + "/accept")
                .get("version").asInt();
        refreshText();
        return version;
    }

    private void reject(String amendmentId, String step, String reason) {
        api.post(drafter(), path("/amendments/" + amendmentId + "/reject"), Map.of("reason", reason), step + "/reject");
    }

    /** Reads the current text; provisions keep their id for life, so a label found once stays valid while it exists. */
    private JsonNode refreshText() {
        JsonNode detail = api.get(null, path(""));
        detail.path("provisions").forEach(p -> provisionIds.put(p.get("label").asText(), p.get("provisionId").asText()));
        return detail;
    }

    private String provision(String label) {
        String id = provisionIds.get(label);
        if (id == null) {
            throw new IllegalStateException("No provision labelled " + label + " in " + new TreeMap<>(provisionIds).keySet());
        }
        return id;
    }

    private String drafter() {
        return tokens.get("drafter-uk");
    }

    private String path(String rest) {
        return "/api/consultations/" + consultation + rest;
    }

    private static Instant instant(JsonNode detail) {
        JsonNode created = detail.get("createdAt");
        Instant at = created == null || created.isNull() ? Instant.now() : Instant.parse(created.asText());
        return at.truncatedTo(ChronoUnit.HOURS);
    }
}
