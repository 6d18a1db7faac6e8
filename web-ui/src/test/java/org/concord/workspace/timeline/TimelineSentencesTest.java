package org.concord.workspace.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineSentencesTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final ApiTimeline.Participant FRANCE = new ApiTimeline.Participant("p-fr", "France", "STATE");
    private static final ApiTimeline.Participant KENYA = new ApiTimeline.Participant("p-ke", "Kenya", "STATE");
    private static final ProvisionLabels LABELS = ProvisionLabels.of(List.of(new ApiTimeline.Provision("p1", "1"),
            new ApiTimeline.Provision("p3", "3"))).with(Map.of("gone", "2.b"));
    private static final Map<String, ApiTimeline.Amendment> AMENDMENTS = Map.of(
            "a1234567-aaaa", new ApiTimeline.Amendment("a1234567-aaaa", "REPLACE", "p3", null, "PROPOSED", KENYA));

    /** One entry of each event type, and of each variant of its sentence. */
    static Map<String, ApiTimeline.Entry> samples() {
        Map<String, ApiTimeline.Entry> samples = new LinkedHashMap<>();
        samples.put("ConsultationCreated", entry("ConsultationCreated", FRANCE, Map.of("title", "Code of Practice",
                "provisions", List.of(Map.of("provisionId", "p1", "label", "1")), "version", 1)));
        samples.put("RoundOpened", entry("RoundOpened", FRANCE, Map.of("round", 1, "deadline", "2026-12-09T23:00:00Z")));
        samples.put("RoundClosed", entry("RoundClosed", FRANCE, Map.of("round", 1)));
        samples.put("TextRevised", entry("TextRevised", FRANCE, Map.of("version", 7, "reason", "Legal scrub",
                "changes", List.of(Map.of("kind", "REPLACE", "provisionId", "p1")))));
        samples.put("ConsultationAdopted", entry("ConsultationAdopted", FRANCE, Map.of("version", 10)));
        samples.put("ConsultationEndorsed", entry("ConsultationEndorsed", FRANCE, Map.of("organisation", "France")));
        for (String kind : List.of("REPLACE", "INSERT_AFTER", "DELETE")) {
            Map<String, Object> data = new HashMap<>(Map.of("amendmentId", "a1234567-aaaa", "kind", kind,
                    "provisionId", "p3", "justification", "Because."));
            if (kind.equals("INSERT_AFTER")) {
                data.put("label", "3.b");
            }
            samples.put("AmendmentProposed." + kind, entry("AmendmentProposed", KENYA, data));
        }
        samples.put("AmendmentSupported", entry("AmendmentSupported", FRANCE, Map.of("amendmentId", "a1234567-aaaa")));
        samples.put("AmendmentSupportWithdrawn", entry("AmendmentSupportWithdrawn", FRANCE, Map.of("amendmentId", "a1234567-aaaa")));
        samples.put("AmendmentWithdrawn", entry("AmendmentWithdrawn", KENYA, Map.of("amendmentId", "a1234567-aaaa")));
        samples.put("AmendmentAccepted", entry("AmendmentAccepted", FRANCE, Map.of("amendmentId", "a1234567-aaaa",
                "status", "ACCEPTED", "reason", "Broad support.", "version", 2)));
        samples.put("AmendmentAccepted.modified", entry("AmendmentAccepted", FRANCE, Map.of("amendmentId", "a1234567-aaaa",
                "status", "ACCEPTED_WITH_MODIFICATIONS", "reason", "Kept the red line.", "version", 3)));
        samples.put("AmendmentRejected", entry("AmendmentRejected", FRANCE, Map.of("amendmentId", "a1234567-aaaa", "reason", "No.")));
        samples.put("CommentPosted.consultation", entry("CommentPosted", FRANCE, Map.of("body", "Welcome.", "attribution", "ATTRIBUTED")));
        samples.put("CommentPosted.provision", entry("CommentPosted", FRANCE, Map.of("provisionId", "p1", "body", "On 1.", "attribution", "ATTRIBUTED")));
        samples.put("CommentPosted.amendment", entry("CommentPosted", FRANCE, Map.of("amendmentId", "a1234567-aaaa", "body", "On it.", "attribution", "ATTRIBUTED")));
        samples.put("CommentPosted.reply", entry("CommentPosted", FRANCE, Map.of("replyTo", "c1", "provisionId", "p1", "body", "Agreed.", "attribution", "ATTRIBUTED")));
        for (String to : List.of("OPEN", "BRACKETED", "AGREED_AD_REF", "AGREED")) {
            samples.put("ProvisionStatusChanged." + to, entry("ProvisionStatusChanged", FRANCE, Map.of("provisionId", "p3",
                    "from", "OPEN", "to", to, "reason", "Agreed in the room.")));
        }
        samples.put("TextBracketed", entry("TextBracketed", FRANCE, Map.of("bracketId", "b1234567-bbbb", "provisionId", "p1",
                "version", 4, "start", 7, "end", 9, "words", "before 2030", "alternatives", List.of())));
        samples.put("TextBracketed.alternatives", entry("TextBracketed", FRANCE, Map.of("bracketId", "b1234567-bbbb",
                "provisionId", "p1", "version", 4, "start", 7, "end", 9, "words", "before 2030", "note", "In dispute.",
                "alternatives", List.of(Map.of("alternativeId", "x1", "text", "before 2030"), Map.of("alternativeId", "x2", "text", "by 2040")))));
        samples.put("AlternativeSupported", entry("AlternativeSupported", KENYA, Map.of("bracketId", "b1234567-bbbb",
                "alternativeId", "x2345678-xxxx")));
        samples.put("AlternativeSupportWithdrawn", entry("AlternativeSupportWithdrawn", KENYA, Map.of("bracketId", "b1234567-bbbb",
                "alternativeId", "x2345678-xxxx")));
        samples.put("BracketResolved.alternative", entry("BracketResolved", FRANCE, Map.of("bracketId", "b1234567-bbbb",
                "provisionId", "p1", "alternativeId", "x2345678-xxxx", "wording", "by 2040", "reason", "Most support.", "version", 5)));
        samples.put("BracketResolved.newWording", entry("BracketResolved", FRANCE, Map.of("bracketId", "b1234567-bbbb",
                "provisionId", "p1", "wording", "by 2035", "reason", "Middle ground.", "version", 5)));
        samples.put("CompromiseProposed", entry("CompromiseProposed", FRANCE, Map.of("compromiseId", "k1234567-kkkk",
                "provisionId", "p3", "text", "Vendors must assess risks yearly.", "amendmentIds", List.of("a1", "a2"),
                "parties", List.of("Kenya", "Access Now"), "deadline", "2026-12-09T23:00:00Z", "note", "Both merged.")));
        samples.put("CompromiseConsented", entry("CompromiseConsented", KENYA, Map.of("compromiseId", "k1234567-kkkk",
                "organisation", "Kenya")));
        samples.put("CompromiseObjected", entry("CompromiseObjected", KENYA, Map.of("compromiseId", "k1234567-kkkk",
                "organisation", "Kenya", "reason", "Too weak.")));
        samples.put("CompromiseAccepted", entry("CompromiseAccepted", FRANCE, Map.of("compromiseId", "k1234567-kkkk",
                "provisionId", "p3", "amendmentIds", List.of("a1", "a2"), "reason", "Consensus.", "version", 6)));
        samples.put("CompromiseWithdrawn", entry("CompromiseWithdrawn", FRANCE, Map.of("compromiseId", "k1234567-kkkk",
                "reason", "An objection.")));
        samples.put("AdReferendumAgreed", entry("AdReferendumAgreed", KENYA, Map.of("provisionId", "p3", "organisation", "Kenya",
                "note", "Nairobi to confirm.")));
        samples.put("AdReferendumConfirmed", entry("AdReferendumConfirmed", KENYA, Map.of("provisionId", "p3", "organisation", "Kenya")));
        samples.put("AdReferendumWithdrawn", entry("AdReferendumWithdrawn", KENYA, Map.of("provisionId", "p3", "organisation", "Kenya",
                "reason", "Instructions.")));
        samples.put("SilenceProcedureStarted", entry("SilenceProcedureStarted", FRANCE, Map.of("procedureId", "s1", "version", 6,
                "deadline", "2026-12-20T17:00:00Z", "timeZone", "Europe/Paris", "breakableBy", List.of("STATE", "NGO"))));
        samples.put("SilenceProcedureStarted.provision", entry("SilenceProcedureStarted", FRANCE, Map.of("procedureId", "s1",
                "provisionId", "p3", "version", 6, "deadline", "2026-12-20T17:00:00Z", "timeZone", "Europe/Paris",
                "breakableBy", List.of("STATE"))));
        samples.put("SilenceBroken", entry("SilenceBroken", KENYA, Map.of("procedureId", "s1", "reason", "Instructions.")));
        samples.put("SilenceBroken.provision", entry("SilenceBroken", KENYA, Map.of("procedureId", "s1", "provisionId", "p3",
                "reason", "Instructions.")));
        samples.put("SilenceProcedureCompleted", entry("SilenceProcedureCompleted", null, Map.of("procedureId", "s1", "version", 6)));
        samples.put("SilenceProcedureCompleted.provision", entry("SilenceProcedureCompleted", null, Map.of("procedureId", "s1",
                "provisionId", "p3", "version", 6)));
        return samples;
    }

    private static ApiTimeline.Entry entry(String type, ApiTimeline.Participant actor, Map<String, Object> data) {
        return new ApiTimeline.Entry(100, AT, type, actor, "An English summary that must not be shown", data);
    }

    private static TimelineSentences sentences(Locale locale) {
        return new TimelineSentences("c", LABELS, AMENDMENTS, Bundles.formats(locale));
    }

    private static String text(TimelinePage.Entry entry) {
        return entry.sentence().stream().map(TimelinePage.Part::text).collect(Collectors.joining());
    }

    @Test
    void theSamplesCoverEveryEventType() {
        assertEquals(TimelineSentences.EVENT_TYPES.stream().sorted().toList(),
                samples().values().stream().map(ApiTimeline.Entry::type).distinct().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void everyEventTypeHasItsOwnSentenceInBothLanguages(String language) {
        Locale locale = Locale.forLanguageTag(language);
        String other = Bundles.formats(locale).message("timeline.event.other", "X", "Y").replace("X", "").replace("Y", "");
        samples().forEach((name, entry) -> {
            String sentence = text(sentences(locale).entry(entry));
            assertFalse(sentence.contains(other), name + " falls back to the generic sentence: " + sentence);
            assertFalse(sentence.contains(entry.type()), name + " shows its type: " + sentence);
            assertFalse(sentence.contains("summary"), name + " shows the API's summary");
            assertFalse(sentence.contains("{") || sentence.contains("\uE000"), name + " has a placeholder left: " + sentence);
            String actor = entry.actor() == null ? Bundles.formats(locale).message("timeline.actor.nobody") : entry.actor().organisation();
            assertTrue(sentence.startsWith(actor), name + ": " + sentence);
        });
    }

    @Test
    void theFrenchSentencesAreNotTheEnglishOnes() {
        samples().forEach((name, entry) -> assertNotEquals(text(sentences(Locale.ENGLISH).entry(entry)),
                text(sentences(Locale.FRENCH).entry(entry)), name));
    }

    /** A key missing from the French bundle would show English silently: the two bundles have the same keys. */
    @ParameterizedTest
    @ValueSource(strings = {"i18n/timeline", "i18n/provenance"})
    void bothBundlesHaveTheSameKeys(String bundle) {
        Properties english = Bundles.read(bundle + ".properties");
        Properties french = Bundles.read(bundle + "_fr.properties");
        Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
        onlyEnglish.removeAll(french.stringPropertyNames());
        Set<String> onlyFrench = new TreeSet<>(french.stringPropertyNames());
        onlyFrench.removeAll(english.stringPropertyNames());
        assertEquals(Set.of(), onlyEnglish, "missing in French");
        assertEquals(Set.of(), onlyFrench, "missing in English");
    }

    @Test
    void aProposalLinksToItsProvisionAndItsDisposition() {
        TimelinePage.Entry entry = sentences(Locale.ENGLISH).entry(samples().get("AmendmentProposed.REPLACE"));
        assertEquals("Kenya (State) proposed to replace provision 3 (amendment a1234567).", text(entry));
        assertEquals(List.of(new TimelinePage.Part("provision 3", "/consultations/c#p-p3", true),
                        new TimelinePage.Part("a1234567", "/consultations/c/dispositions#a-a1234567-aaaa", true)),
                entry.sentence().stream().filter(TimelinePage.Part::link).toList());
        assertEquals("Justification:", entry.quoteLabel());
        assertEquals("Because.", entry.quote());
        assertEquals("e-100", entry.anchor());
        assertEquals(Bundles.formats(Locale.ENGLISH).dateTime(AT), entry.time());
    }

    @Test
    void frenchPutsTheLinksWhereFrenchPutsTheWords() {
        TimelinePage.Entry entry = sentences(Locale.FRENCH).entry(samples().get("AmendmentAccepted"));
        assertEquals("France (État) a accepté l’amendement de Kenya sur la disposition 3 (amendement a1234567), "
                + "ce qui donne la version 2.", text(entry));
        assertEquals(List.of("la disposition 3", "a1234567", "version 2"),
                entry.sentence().stream().filter(TimelinePage.Part::link).map(TimelinePage.Part::text).toList());
    }

    @Test
    void aResolutionLinksToItsProvisionAndTheVersionItMade() {
        TimelinePage.Entry entry = sentences(Locale.ENGLISH).entry(samples().get("BracketResolved.alternative"));
        assertEquals("France (State) resolved bracket b1234567 in provision 1, keeping alternative x2345678 (“by 2040”), making version 5.",
                text(entry));
        assertEquals(List.of(new TimelinePage.Part("provision 1", "/consultations/c#p-p1", true),
                        new TimelinePage.Part("version 5", "/consultations/c/versions/5", true)),
                entry.sentence().stream().filter(TimelinePage.Part::link).toList());
        assertEquals("Reason:", entry.quoteLabel());
        assertEquals("Most support.", entry.quote());
        assertEquals("France (State) resolved bracket b1234567 in provision 1 with a new wording (“by 2035”), making version 5.",
                text(sentences(Locale.ENGLISH).entry(samples().get("BracketResolved.newWording"))));
    }

    @Test
    void aSilenceProcedureNamesItsDeadlineAndWhoMayBreakIt() {
        assertEquals("France (State) put provision 3, as it stands in version 6, under a silence procedure until "
                        + "20 December 2026, 18:00 Europe/Paris (20 December 2026, 17:00 UTC); silence may be broken by: State.",
                text(sentences(Locale.ENGLISH).entry(samples().get("SilenceProcedureStarted.provision"))));
        assertEquals("France (État) a soumis le texte, tel qu’il figure dans la version 6, à une procédure d’accord tacite jusqu’au "
                        + "20 décembre 2026 à 18:00 Europe/Paris (20 décembre 2026 à 17:00 UTC)"
                        + " ; le silence peut être rompu par : État, ONG.",
                text(sentences(Locale.FRENCH).entry(samples().get("SilenceProcedureStarted"))));
        assertEquals("Concord recorded that nobody broke silence: provision 3 is agreed.",
                text(sentences(Locale.ENGLISH).entry(samples().get("SilenceProcedureCompleted.provision"))));
    }

    @Test
    void aStatusTheSentencesDoNotKnowIsNamedAsTheApiNamesIt() {
        assertEquals("France (State) set the status of provision 3 to SETTLED.", text(sentences(Locale.ENGLISH).entry(
                entry("ProvisionStatusChanged", FRANCE, Map.of("provisionId", "p3", "to", "SETTLED", "reason", "r")))));
    }

    /** A delegation's act is told through its actor as the API shows it, never through the organisation in its data. */
    @Test
    void aMaskedActorOfANegotiatingActStaysMasked() {
        ApiTimeline.Participant masked = new ApiTimeline.Participant(null, null, "STATE");
        for (String type : List.of("AdReferendumAgreed", "CompromiseConsented", "CompromiseObjected")) {
            Map<String, Object> data = new HashMap<>(samples().get(type).data());
            TimelinePage.Entry entry = sentences(Locale.ENGLISH).entry(entry(type, masked, data));
            assertTrue(text(entry).startsWith("A participant (State) "), text(entry));
            assertFalse(text(entry).contains("Kenya"), text(entry));
        }
    }

    @Test
    void aDeletedProvisionIsNamedWithoutALink() {
        TimelinePage.Entry entry = sentences(Locale.ENGLISH).entry(entry("CommentPosted", FRANCE,
                Map.of("provisionId", "gone", "body", "x", "attribution", "ATTRIBUTED")));
        assertEquals("France (State) commented on provision 2.b.", text(entry));
        assertTrue(entry.sentence().stream().noneMatch(TimelinePage.Part::link));
    }

    @Test
    void aMaskedChathamHouseAuthorStaysMasked() {
        ApiTimeline.Participant masked = new ApiTimeline.Participant(null, null, "COMPANY");
        TimelinePage.Entry entry = sentences(Locale.ENGLISH).entry(entry("CommentPosted", masked,
                Map.of("provisionId", "p1", "body", "Vendors cannot always know.", "attribution", "CHATHAM_HOUSE")));
        assertEquals("A participant (Company) commented on provision 1.", text(entry));
        assertTrue(entry.note().startsWith("Under the Chatham House rule"));
        TimelinePage.Entry french = sentences(Locale.FRENCH).entry(entry("CommentPosted", masked,
                Map.of("body", "x", "attribution", "CHATHAM_HOUSE")));
        assertEquals("Un participant (Entreprise) a commenté la consultation.", text(french));
    }

    @Test
    void hostileTextStaysText() {
        TimelinePage.Entry entry = sentences(Locale.ENGLISH).entry(entry("ConsultationCreated",
                new ApiTimeline.Participant("x", "Evil \uE0000\uE001 <b>Org</b>", "NGO"),
                Map.of("title", "{0} '' <script>", "provisions", List.of(), "version", 1)));
        assertEquals(1, entry.sentence().stream().filter(TimelinePage.Part::link).count());
        assertTrue(text(entry).startsWith("Evil \uFFFD0\uFFFD <b>Org</b> (NGO) created the consultation “{0} '' <script>”"), text(entry));
    }

    @Test
    void anUnknownEventTypeIsToldGenerically() {
        TimelinePage.Entry entry = sentences(Locale.FRENCH).entry(entry("SomethingNew", FRANCE, Map.of()));
        assertEquals("France (État)\u00a0: un événement de type SomethingNew.", text(entry));
        assertNull(entry.quote());
    }

    @Test
    void longQuotesAreShortenedAtASpace() {
        String shortened = TimelineSentences.shorten("word ".repeat(100));
        assertTrue(shortened.endsWith("word…"), shortened);
        assertTrue(shortened.length() <= TimelineSentences.QUOTE_LENGTH + 1);
        assertEquals("😀".repeat(TimelineSentences.QUOTE_LENGTH) + "…", TimelineSentences.shorten("😀".repeat(300)));
        assertNull(TimelineSentences.shorten("  "));
    }
}
