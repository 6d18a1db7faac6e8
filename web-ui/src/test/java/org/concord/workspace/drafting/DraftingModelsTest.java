package org.concord.workspace.drafting;

import org.concord.workspace.TestBundles;
import org.concord.workspace.form.FormErrors;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DraftingModelsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void a_row_left_with_the_label_the_form_suggested_and_no_wording_is_ignored_a_label_typed_is_not() {
        LinkedMultiValueMap<String, String> sent = new LinkedMultiValueMap<>();
        sent.addAll("label", List.of("1", "2", "3", "7", ""));
        sent.addAll("text", List.of("States should license.", "", " ", "", ""));

        assertThat(NewConsultationController.Form.from(sent).filled()).extracting(NewConsultationController.Row::label)
                .as("row 1 has wording; rows 2 and 3 keep their suggested labels; 7 was typed; the last is empty")
                .containsExactly("1", "7");
    }

    @Test
    void a_deadline_is_read_in_the_zone_chosen_and_said_in_it_and_in_utc() {
        RoundForm paris = form("2026-12-21", "18:00", "Europe/Paris");
        assertThat(paris.deadline()).map(ZonedDateTime::toInstant).contains(Instant.parse("2026-12-21T17:00:00Z"));
        assertThat(DraftingController.describe(paris.deadline().orElseThrow(), TestBundles.formats(Locale.ENGLISH, "drafting")))
                .isEqualTo("Monday 21 December 2026, 18:00 in Europe/Paris, that is Monday 21 December 2026, 17:00 UTC.");
        // in summer, Paris is two hours ahead
        assertThat(form("2027-07-01", "18:00", "Europe/Paris").deadline()).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2027-07-01T16:00:00Z"));
        // 02:30 does not exist in Paris on the night clocks go forward: it is read as the time after the gap
        assertThat(form("2027-03-28", "02:30", "Europe/Paris").deadline()).map(ZonedDateTime::toInstant)
                .contains(Instant.parse("2027-03-28T01:30:00Z"));
    }

    @Test
    void a_deadline_that_cannot_be_read_or_a_zone_not_offered_is_not_taken() {
        assertThat(form("21/12/2026", "18:00", "UTC").deadline()).isEmpty();
        assertThat(form("2026-12-21", "25:00", "UTC").deadline()).isEmpty();
        assertThat(form("2026-12-21", "18:00", "Mars/Olympus").zone()).isEqualTo("UTC");
    }

    @Test
    void the_board_groups_pending_amendments_by_provision_in_text_order_and_flags_stale_ones() {
        ApiDrafting.Detail detail = new ApiDrafting.Detail("c1", "Code", "CLOSED", 3, null, List.of(
                new ApiDrafting.Provision("p1", "1", "First provision."), new ApiDrafting.Provision("p2", "2", "Second provision.")));
        ApiDrafting.Participant france = new ApiDrafting.Participant("fr", "France", "STATE");
        List<ApiDrafting.Amendment> pending = List.of(
                amendment("a1", "REPLACE", "p2", 3, "Second provision, amended.", false, france),
                amendment("a2", "REPLACE", "p2", 1, "Another second.", true, france),
                amendment("a3", "DELETE", "p1", 1, null, true, france),
                amendment("a4", "REPLACE", "gone", 1, "Old.", true, france));

        DecisionsPage page = DecisionsBoard.build(detail, pending, FormErrors.none(), Map.of("a2", "kept reason"), null,
                TestBundles.formats(Locale.ENGLISH, "drafting"));

        assertThat(page.groups()).extracting(DecisionsPage.Group::provisionId).containsExactly("p1", "p2", "gone");
        assertThat(page.groups().get(1).competing()).isTrue();
        assertThat(page.groups().get(1).heading()).isEqualTo("Provision 2: 2 competing amendments");
        DecisionsPage.Card fresh = page.groups().get(1).cards().get(0);
        DecisionsPage.Card stale = page.groups().get(1).cards().get(1);
        assertThat(fresh.acceptable()).isTrue();
        assertThat(fresh.stale()).isEmpty();
        assertThat(stale.acceptable()).as("a stale new wording only with merged wording").isFalse();
        assertThat(stale.mergeable()).isTrue();
        assertThat(stale.reason()).isEqualTo("kept reason");
        assertThat(page.groups().get(0).cards().get(0).acceptable()).as("a stale deletion can be accepted as it is").isTrue();
        assertThat(page.groups().get(2).cards().get(0).mergeable()).as("its provision is gone: only a rejection").isFalse();
        assertThat(page.intro()).isEqualTo("4 pending amendments on 3 provisions.");
    }

    private static RoundForm form(String date, String time, String zone) {
        LinkedMultiValueMap<String, String> data = new LinkedMultiValueMap<>();
        data.add("date", date);
        data.add("time", time);
        data.add("zone", zone);
        return RoundForm.from(data);
    }

    private static ApiDrafting.Amendment amendment(String id, String kind, String provisionId, int base, String text, boolean stale,
                                                   ApiDrafting.Participant author) {
        return new ApiDrafting.Amendment(id, kind, provisionId, base, text, null, "Because.", "PROPOSED", stale, 1, author,
                new ApiDrafting.Supporters(2, Map.of("STATE", 2)), AT);
    }
}
