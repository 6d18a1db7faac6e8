package org.concord.query.history.query;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ProvenanceTest {

    private static final Attribution SECRETARIAT = new Attribution(1, null, "p-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Attribution KENYA = new Attribution(2, "a-1", "p-2", "Kenya", StakeholderType.STATE);
    private static final Attribution DRAFTER = new Attribution(2, "a-1", "p-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);

    @Test
    void words_kept_by_a_new_wording_keep_who_wrote_them_and_new_words_are_the_changes() {
        Provenance created = Provenance.of("States should regulate spyware.", SECRETARIAT);

        Provenance amended = created.revisedTo("States should strictly regulate spyware and hackers-for-hire.", KENYA);

        assertThat(amended.text()).isEqualTo("States should strictly regulate spyware and hackers-for-hire.");
        assertThat(amended.spans()).extracting(Provenance.Span::text, Provenance.Span::by).containsExactly(
                tuple("States should ", SECRETARIAT),
                tuple("strictly ", KENYA),
                tuple("regulate spyware", SECRETARIAT),
                tuple(" and hackers-for-hire", KENYA),
                tuple(".", SECRETARIAT));
    }

    @Test
    void an_accepted_modification_credits_the_drafter_only_with_the_words_the_amendment_did_not_propose() {
        Provenance created = Provenance.of("Vendors should keep records.", SECRETARIAT);

        Provenance accepted = created.revisedTo("Vendors must keep complete records.", KENYA,
                "Vendors must keep detailed records.", DRAFTER);

        assertThat(accepted.spans()).extracting(Provenance.Span::text, Provenance.Span::by).containsExactly(
                tuple("Vendors ", SECRETARIAT),
                tuple("must ", KENYA),
                tuple("keep ", SECRETARIAT),
                tuple("complete ", DRAFTER),
                tuple("records.", SECRETARIAT));
    }

    @Test
    void a_compromise_credits_each_new_word_to_the_first_merged_amendment_that_has_it_and_the_rest_to_the_chair() {
        Attribution france = new Attribution(3, "a-2", "p-3", "France", StakeholderType.STATE);
        Attribution chair = new Attribution(3, null, "p-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
        Provenance created = Provenance.of("Vendors should keep records.", SECRETARIAT);

        Provenance merged = created.merging("Vendors must keep complete and audited records yearly.", List.of(
                new Provenance.Proposal("Vendors must keep complete records.", KENYA),
                new Provenance.Proposal("Vendors must keep audited records.", france)), chair);

        assertThat(merged.spans()).extracting(Provenance.Span::text, Provenance.Span::by).containsExactly(
                tuple("Vendors ", SECRETARIAT),
                tuple("must ", KENYA),
                tuple("keep ", SECRETARIAT),
                tuple("complete ", KENYA),
                tuple("and ", chair),
                tuple("audited ", france),
                tuple("records", SECRETARIAT),
                tuple(" yearly", chair),
                tuple(".", SECRETARIAT));
    }

    @Test
    void re_spacing_a_sentence_keeps_every_word_with_its_author_and_credits_the_new_spacing_to_the_change() {
        Provenance created = Provenance.of("One  two three", SECRETARIAT);

        assertThat(created.revisedTo("One two  three", KENYA).spans()).extracting(Provenance.Span::text, Provenance.Span::by).containsExactly(
                tuple("One", SECRETARIAT),
                tuple(" ", KENYA),
                tuple("two", SECRETARIAT),
                tuple("  ", KENYA),
                tuple("three", SECRETARIAT));
    }

    @Property(tries = 500)
    void after_a_white_space_only_change_words_keep_their_authors_and_only_changed_white_space_is_the_change_s(
            @ForAll("respaced") Respaced respaced) {
        Provenance revised = Provenance.of(respaced.before(), SECRETARIAT).revisedTo(respaced.after(), KENYA);

        assertThat(revised.spans()).isEqualTo(respaced.expected());
    }

    @Property(tries = 500)
    void the_spans_spell_the_current_text_after_any_revisions_and_accepted_amendments(@ForAll("revisions") UnicodeTexts.Revision history) {
        List<String> pieces = history.pieces();
        Provenance provenance = Provenance.of(String.join("", pieces), SECRETARIAT);
        for (int step = 0; step < history.edits().size(); step++) {
            List<UnicodeTexts.Edit> edits = history.edits().get(step);
            List<String> revised = UnicodeTexts.apply(pieces, edits);
            Attribution author = new Attribution(step + 2, "a-" + step, "p-" + step, "Delegation " + step, StakeholderType.STATE);
            if (step % 2 == 0) {
                provenance = provenance.revisedTo(String.join("", revised), author);
            } else {
                String proposed = String.join("", UnicodeTexts.apply(pieces, edits.subList(0, edits.size() / 2)));
                Attribution drafter = new Attribution(step + 2, "a-" + step, "p-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
                provenance = provenance.revisedTo(String.join("", revised), author, proposed, drafter);
            }
            pieces = revised;

            String text = String.join("", pieces);
            assertThat(provenance.text()).isEqualTo(text);
            assertThat(provenance.spans()).allSatisfy(span -> assertThat(span.text()).isNotEmpty());
            List<Integer> ends = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < provenance.spans().size(); i++) {
                at += provenance.spans().get(i).text().length();
                ends.add(at);
                if (i > 0) {
                    assertThat(provenance.spans().get(i).by()).isNotEqualTo(provenance.spans().get(i - 1).by());
                }
            }
            assertThat(UnicodeTexts.characterBoundaries(text)).containsAll(ends);
        }
    }

    @Provide
    Arbitrary<UnicodeTexts.Revision> revisions() {
        return UnicodeTexts.revisions();
    }

    /** A text, the same words spaced differently, and who each part of the second should be attributed to. */
    record Respaced(String before, String after, List<Provenance.Span> expected) {
    }

    @Provide
    Arbitrary<Respaced> respaced() {
        Arbitrary<String> space = Arbitraries.of(UnicodeTexts.SPACES);
        Arbitrary<String> maybeSpace = Arbitraries.oneOf(space, Arbitraries.just(""));
        Arbitrary<List<List<String>>> spacedWords = Combinators.combine(Arbitraries.of(UnicodeTexts.WORDS), space, space).as(List::of)
                .list().ofMinSize(1).ofMaxSize(10);
        return Combinators.combine(maybeSpace, maybeSpace, spacedWords, maybeSpace, maybeSpace)
                .as((leadingBefore, leadingAfter, words, trailingBefore, trailingAfter) -> {
                    StringBuilder before = new StringBuilder(leadingBefore);
                    StringBuilder after = new StringBuilder(leadingAfter);
                    List<Provenance.Span> expected = new ArrayList<>();
                    respaced(expected, leadingBefore, leadingAfter);
                    for (int i = 0; i < words.size(); i++) {
                        boolean last = i == words.size() - 1;
                        String spaceBefore = last ? trailingBefore : words.get(i).get(1);
                        String spaceAfter = last ? trailingAfter : words.get(i).get(2);
                        before.append(words.get(i).get(0)).append(spaceBefore);
                        after.append(words.get(i).get(0)).append(spaceAfter);
                        append(expected, words.get(i).get(0), SECRETARIAT);
                        respaced(expected, spaceBefore, spaceAfter);
                    }
                    return new Respaced(before.toString(), after.toString(), expected);
                });
    }

    private static void respaced(List<Provenance.Span> spans, String before, String after) {
        append(spans, after, before.equals(after) ? SECRETARIAT : KENYA);
    }

    private static void append(List<Provenance.Span> spans, String text, Attribution by) {
        if (text.isEmpty()) {
            return;
        }
        if (!spans.isEmpty() && spans.get(spans.size() - 1).by().equals(by)) {
            text = spans.remove(spans.size() - 1).text() + text;
        }
        spans.add(new Provenance.Span(text, by));
    }
}
