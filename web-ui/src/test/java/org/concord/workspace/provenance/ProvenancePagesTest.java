package org.concord.workspace.provenance;

import org.concord.workspace.layout.Formats;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvenancePagesTest {

    private static Formats formats(Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/layout", "i18n/provenance");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return new Formats(locale, messages);
    }

    private static final ApiProvenance.Provenance TEXT = new ApiProvenance.Provenance(2, List.of(
            new ApiProvenance.Provision("p1", "1", List.of(
                    new ApiProvenance.Span("This Code sets out commitments on spyware", 1, null, "Co-hosts", "STATE"),
                    new ApiProvenance.Span(" and hacking-for-hire services", 2, "d2e1fd6e-1902", "Kenya", "STATE"),
                    new ApiProvenance.Span(".", 1, null, "Co-hosts", "STATE"))),
            new ApiProvenance.Provision("p2", "2.a", List.of(
                    new ApiProvenance.Span("Vendors should", 1, null, "Co-hosts", "STATE"),
                    new ApiProvenance.Span(" tell", 2, "0aec6733-ed7a", "Digital Rights Watch", "NGO"),
                    new ApiProvenance.Span(" someone", 2, "77aa0000-0000", null, null)))));

    private static final Map<String, String> PROPOSERS = Map.of("d2e1fd6e-1902", "Kenya", "0aec6733-ed7a", "Digital Rights Watch");

    @Test
    void theDraftersModificationsOfAnAmendmentAreTheDraftersWords() {
        ApiProvenance.Provenance modified = new ApiProvenance.Provenance(4, List.of(new ApiProvenance.Provision("p1", "2.a", List.of(
                new ApiProvenance.Span("Vendors should not sue researchers ", 4, "0aec6733-ed7a", "Digital Rights Watch", "NGO"),
                new ApiProvenance.Span("who act in good faith", 4, "0aec6733-ed7a", "Co-hosts", "STATE")))));
        ProvenancePage page = ProvenancePages.build("c", modified, PROPOSERS, formats(Locale.ENGLISH));
        List<ProvenancePage.Span> spans = page.provisions().get(0).spans();
        assertEquals("src--ngo", spans.get(0).styleClass());
        assertEquals("src--drafters", spans.get(1).styleClass());
        assertEquals("Drafters' modification of amendment 0aec6733: Co-hosts (State), version 4", spans.get(1).tip());
        assertEquals("/consultations/c/dispositions#a-0aec6733-ed7a", spans.get(1).href());
        assertEquals("5", page.legend().get(0).words());
        assertEquals("0", page.legend().get(1).words());
    }

    @Test
    void eachSpanIsStyledByItsSourceAndDescribed() {
        ProvenancePage page = ProvenancePages.build("c", TEXT, PROPOSERS, formats(Locale.ENGLISH));
        ProvenancePage.Provision first = page.provisions().get(0);
        assertEquals("p-p1", first.anchor());
        assertEquals("1", first.label());
        ProvenancePage.Span drafters = first.spans().get(0);
        assertEquals("src--drafters", drafters.styleClass());
        assertEquals("Drafters' text: Co-hosts (State), version 1", drafters.tip());
        assertEquals("/consultations/c/versions/1", drafters.href());
        ProvenancePage.Span kenya = first.spans().get(1);
        assertEquals(" and hacking-for-hire services", kenya.text());
        assertEquals("src--state", kenya.styleClass());
        assertEquals("Kenya (State), amendment d2e1fd6e, version 2", kenya.tip());
        assertEquals("/consultations/c/dispositions#a-d2e1fd6e-1902", kenya.href());
        assertEquals("src--ngo", page.provisions().get(1).spans().get(1).styleClass());
        ProvenancePage.Span undisclosed = page.provisions().get(1).spans().get(2);
        assertEquals("src--undisclosed", undisclosed.styleClass());
        assertEquals("undisclosed (undisclosed), amendment 77aa0000, version 2", undisclosed.tip());
    }

    @Test
    void everyDescriptionHasItsOwnId() {
        ProvenancePage page = ProvenancePages.build("c", TEXT, PROPOSERS, formats(Locale.ENGLISH));
        List<String> ids = page.provisions().stream().flatMap(p -> p.spans().stream()).map(ProvenancePage.Span::tipId).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size());
    }

    @Test
    void theKeyCountsWordsPerSource() {
        ProvenancePage page = ProvenancePages.build("c", TEXT, PROPOSERS, formats(Locale.ENGLISH));
        assertEquals("14", page.totalWords());
        assertEquals(List.of("Drafters' text, with their modifications of amendments 9 64%", "Amendments by States 3 21%",
                        "Amendments by international organisations 0 0%", "Amendments by companies 0 0%",
                        "Amendments by NGOs 1 7%", "Amendments by academia 0 0%", "Amendments by undisclosed authors 1 7%"),
                page.legend().stream().map(row -> row.source() + " " + row.words() + " " + row.share()).toList());
        assertEquals("Version 2 of the text, 14 words. Each passage is marked by where it came from: the drafters' own words "
                + "(including their modifications of an amendment they accepted), or the words of an amendment that a participant "
                + "proposed and the drafters accepted.", page.intro());
    }

    @Test
    void theKeyLeavesOutUndisclosedAuthorsWhenThereAreNone() {
        ApiProvenance.Provenance attributed = new ApiProvenance.Provenance(1, List.of(new ApiProvenance.Provision("p1", "1",
                List.of(new ApiProvenance.Span("Words", 1, null, "Co-hosts", "STATE")))));
        ProvenancePage page = ProvenancePages.build("c", attributed, Map.of(), formats(Locale.FRENCH));
        assertEquals(6, page.legend().size());
        assertEquals("Texte des rédacteurs\u00a0: Co-hosts (État), version 1", page.provisions().get(0).spans().get(0).tip());
        assertEquals("Texte de la version 1", page.textHeading());
    }

    @Test
    void wordsHoldALetterOrADigit() {
        assertEquals(0, ProvenancePages.words(". , ;"));
        assertEquals(3, ProvenancePages.words(" and hacking-for-hire services, "));
        assertEquals(2, ProvenancePages.words("l’État\u00a02026"));
    }

    @Test
    void threeHundredProvisionsInOnePass() {
        List<ApiProvenance.Provision> provisions = IntStream.range(0, 300).mapToObj(i -> new ApiProvenance.Provision("p" + i,
                Integer.toString(i + 1), IntStream.range(0, 20).mapToObj(j -> new ApiProvenance.Span("word word word ",
                j % 3 + 1, j % 2 == 0 ? null : "a" + j, "Org " + j, j % 2 == 0 ? "STATE" : "ACADEMIA")).toList())).toList();
        Formats formats = formats(Locale.ENGLISH);
        long start = System.nanoTime();
        ProvenancePage page = ProvenancePages.build("c", new ApiProvenance.Provenance(3, provisions), Map.of(), formats);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("18,000", page.totalWords());
        assertTrue(millis < 2000, "took " + millis + " ms");
        assertEquals(Set.of("src--drafters", "src--academia"), page.provisions().stream().flatMap(p -> p.spans().stream())
                .map(ProvenancePage.Span::styleClass).collect(Collectors.toSet()));
    }
}
