package org.concord.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code java -jar demo-…-exec.jar [--gateway URL] [--data-dir DIR]}: loads the demo sample into a running
 * Concord through its gateway, once. Exits 0 when loaded or already loaded, 1 when a step failed, 2 on bad usage.
 */
public final class DemoLoader {

    private DemoLoader() {
    }

    public static void main(String[] args) {
        DemoSettings settings;
        try {
            settings = DemoSettings.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("concord-demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(load(settings, System.out, System.err));
    }

    static int load(DemoSettings settings, PrintStream out, PrintStream err) {
        ConcordClient api = new ConcordClient(settings.gateway());
        try {
            Optional<JsonNode> existing = findCodeOfPractice(api);
            if (existing.isPresent() && isComplete(existing.get())) {
                out.println("concord-demo: the demo is already loaded: " + url(api, existing.get().get("consultationId").asText()));
                return 0;
            }
            out.println(existing.isPresent()
                    ? "concord-demo: resuming an interrupted load into " + settings.gateway()
                    : "concord-demo: loading the demo into " + settings.gateway());
            String consultation = new DemoScript(api, settings.adminToken(), out).run(settings.dataDir());
            summarise(api, consultation, settings, out);
            return 0;
        } catch (ConcordApiException | IllegalStateException e) {
            err.println("concord-demo: the demo could not be loaded: " + e.getMessage());
            err.println("concord-demo: run it again to resume; steps already recorded are not repeated");
            return 1;
        }
    }

    private static Optional<JsonNode> findCodeOfPractice(ConcordClient api) {
        for (JsonNode consultation : api.get(null, "/api/consultations")) {
            if (SampleText.TITLE.equals(consultation.path("title").asText())) {
                return Optional.of(consultation);
            }
        }
        return Optional.empty();
    }

    /** The load's last step closes round 2. */
    private static boolean isComplete(JsonNode summary) {
        return "CLOSED".equals(summary.path("status").asText()) && summary.path("round").asInt() >= 2;
    }

    private static void summarise(ConcordClient api, String consultation, DemoSettings settings, PrintStream out) {
        String base = "/api/consultations/" + consultation;
        JsonNode detail = api.get(null, base);
        Map<String, Integer> delegates = new TreeMap<>();
        SampleDelegates.PARTICIPANTS.forEach(d -> delegates.merge(d.stakeholderType(), 1, Integer::sum));
        Map<String, Integer> amendments = new TreeMap<>();
        int supports = 0;
        for (JsonNode amendment : api.get(null, base + "/amendments")) {
            amendments.merge(amendment.path("status").asText(), 1, Integer::sum);
            supports += amendment.path("supporters").path("total").asInt();
        }
        Map<String, Integer> comments = new TreeMap<>();
        countComments(api.get(null, base + "/comments"), comments);

        out.println("concord-demo: loaded");
        out.println("  delegates:   " + SampleDelegates.PARTICIPANTS.size() + " participant organisations " + delegates
                + ", " + SampleDelegates.DRAFTERS.size() + " drafters, 1 observer");
        out.println("  consultation: \"" + detail.path("title").asText() + "\" " + detail.path("status").asText()
                + " after round " + detail.path("round").path("number").asInt() + ", version " + detail.path("version").asInt()
                + ", " + detail.path("provisions").size() + " provisions");
        out.println("  amendments:  " + amendments + ", " + supports + " supports");
        out.println("  comments:    " + comments + " including replies");
        out.println("  id:          " + consultation);
        out.println("  see:         " + url(api, consultation) + "  (and /amendments, /comments)");
        out.println("  tokens:      " + settings.dataDir().resolve(DemoScript.TOKENS_FILE).toAbsolutePath()
                + " (mode 600): act as any delegate");
    }

    private static void countComments(JsonNode threads, Map<String, Integer> byAttribution) {
        for (JsonNode comment : threads) {
            byAttribution.merge(comment.path("attribution").asText(), 1, Integer::sum);
            countComments(comment.path("replies"), byAttribution);
        }
    }

    private static String url(ConcordClient api, String consultation) {
        return api.gateway() + "/api/consultations/" + consultation;
    }
}
