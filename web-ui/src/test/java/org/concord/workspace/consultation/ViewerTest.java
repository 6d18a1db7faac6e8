package org.concord.workspace.consultation;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.SignedIn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void a_delegate_may_comment_propose_and_support_while_the_round_is_open_before_its_deadline() {
        Viewer viewer = Viewer.of(caller("PARTICIPANT"), "OPEN", NOW.plusSeconds(60), NOW);

        assertThat(viewer.comment()).isTrue();
        assertThat(viewer.propose()).isTrue();
    }

    @Test
    void once_the_deadline_has_passed_the_page_offers_nothing_though_the_round_is_not_closed_yet() {
        Viewer viewer = Viewer.of(caller("PARTICIPANT"), "OPEN", NOW.minusSeconds(1), NOW);

        assertThat(viewer.comment()).isFalse();
        assertThat(viewer.propose()).isFalse();
    }

    @Test
    void a_drafter_may_comment_but_not_amend_an_observer_and_an_anonymous_reader_neither() {
        Viewer drafter = Viewer.of(caller("DRAFTER"), "OPEN", NOW.plusSeconds(60), NOW);
        Viewer observer = Viewer.of(caller("OBSERVER"), "OPEN", NOW.plusSeconds(60), NOW);
        Viewer anonymous = Viewer.of(Caller.anonymous("127.0.0.1", null), "OPEN", NOW.plusSeconds(60), NOW);

        assertThat(drafter.comment()).isTrue();
        assertThat(drafter.propose()).isFalse();
        assertThat(observer.comment()).isFalse();
        assertThat(anonymous.comment()).isFalse();
    }

    private static Caller caller(String role) {
        return new Caller(new SignedIn("p-1", "Ana", "Chile", "STATE", List.of(role)), "token", "127.0.0.1", null);
    }
}
