package org.concord.workspace.amendment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelsTest {

    @Test
    void a_provision_inserted_after_another_is_offered_the_next_free_label_at_its_level() {
        assertThat(Labels.after("2.a", List.of("1", "2", "2.a"))).isEqualTo("2.b");
        assertThat(Labels.after("3", List.of("1", "2", "3"))).isEqualTo("4");
        assertThat(Labels.after("3", List.of("3", "4"))).isEqualTo("3.a");
        assertThat(Labels.after("2.a", List.of("2.a", "2.b"))).isEqualTo("2.a.1");
        assertThat(Labels.after("2.z", List.of("2.z"))).isEqualTo("2.z.1");
        assertThat(Labels.after("2.a", List.of("2.a", "2.b", "2.a.1"))).isEmpty();
    }

    @Test
    void a_refusal_of_the_api_becomes_the_notice_that_says_why() {
        assertThat(SupportController.conflictNotice("No comment round is open: amendments are not accepted while the consultation is CLOSED.", "x"))
                .isEqualTo("not-open");
        assertThat(SupportController.conflictNotice("The deadline of round 2 passed at 2026-12-01T00:00:00Z.", "x")).isEqualTo("not-open");
        assertThat(SupportController.conflictNotice("The amendment is ACCEPTED; only a PROPOSED one can be supported.", "x"))
                .isEqualTo("not-pending");
        assertThat(SupportController.conflictNotice("You already support this amendment.", "already-supported")).isEqualTo("already-supported");
        assertThat(SupportController.conflictNotice(null, "not-supporting")).isEqualTo("not-supporting");
    }

    @Test
    void a_button_on_a_provisions_page_leads_back_to_it_any_other_to_the_text() {
        assertThat(SupportController.back("c-1", "a-1", "p-1", "supported")).isEqualTo("/consultations/c-1/provisions/p-1?notice=supported#a-a-1");
        assertThat(SupportController.back("c-1", "a-1", "p 1/../x", null)).as("the provision's id is one path segment")
                .isEqualTo("/consultations/c-1/provisions/p%201%2F..%2Fx#a-a-1");
        assertThat(SupportController.back("c-1", "a-1", null, "supported")).isEqualTo("/consultations/c-1?notice=supported#a-a-1");
        assertThat(SupportController.back("c-1", "a-1", " ", "supported")).isEqualTo("/consultations/c-1?notice=supported#a-a-1");
    }
}
