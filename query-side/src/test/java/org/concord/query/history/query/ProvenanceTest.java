package org.concord.query.history.query;

import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.Test;

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
                tuple("regulate spyware ", SECRETARIAT),
                tuple("and hackers-for-hire", KENYA),
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
    void re_spacing_a_sentence_changes_nobodys_words() {
        Provenance created = Provenance.of("One  two three", SECRETARIAT);

        assertThat(created.revisedTo("One two  three", KENYA).spans())
                .containsExactly(new Provenance.Span("One two  three", SECRETARIAT));
    }

    @Test
    void the_inline_diff_leaves_punctuation_alone_when_a_clause_is_added_before_it() {
        assertThat(InlineDiff.between("including spyware.", "including spyware and hacking-for-hire services."))
                .containsExactly(
                        new InlineDiff.Run(InlineDiff.Op.EQUAL, "including spyware "),
                        new InlineDiff.Run(InlineDiff.Op.INSERT, "and hacking-for-hire services"),
                        new InlineDiff.Run(InlineDiff.Op.EQUAL, "."));
    }
}
