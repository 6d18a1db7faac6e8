package org.concord.workspace.activity;

import org.concord.workspace.TestBundles;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityTest {

    private static final Activity.Participant ME = new Activity.Participant("me", "Chile", "STATE");
    private static final Activity.Participant OTHER = new Activity.Participant("other", "Peru", "STATE");

    @Test
    void only_my_amendments_and_comments_replies_included_newest_first_with_what_became_of_each() {
        List<Activity.Amendment> amendments = List.of(
                new Activity.Amendment("a1", "REPLACE", "p1", null, "New words.", "REJECTED", false, ME,
                        new Activity.Decision("Out of scope.", null), Instant.parse("2026-12-01T10:00:00Z")),
                new Activity.Amendment("a2", "DELETE", "p2", null, null, "PROPOSED", true, ME, null, Instant.parse("2026-12-02T10:00:00Z")),
                new Activity.Amendment("a3", "REPLACE", "p1", null, "Theirs.", "PROPOSED", false, OTHER, null, Instant.parse("2026-12-03T10:00:00Z")));
        Activity.Comment reply = new Activity.Comment("c2", null, null, "My answer.", ME, Instant.parse("2026-12-04T10:00:00Z"), List.of());
        List<Activity.Comment> comments = List.of(new Activity.Comment("c1", "p1", null, "Their question?", OTHER,
                Instant.parse("2026-12-03T10:00:00Z"), List.of(reply)));

        Activity activity = Activity.of("k", "Code", "me", amendments, comments, TestBundles.formats(Locale.ENGLISH, "activity"));

        assertThat(activity.amendments()).extracting(Activity.Item::state)
                .containsExactly("Pending, and stale: the provision changed since you wrote it", "Rejected: Out of scope.");
        assertThat(activity.amendments().get(1).href()).isEqualTo("/consultations/k/dispositions");
        assertThat(activity.amendments().get(0).href()).isEqualTo("/consultations/k#a-a2");
        assertThat(activity.comments()).extracting(Activity.Item::href).containsExactly("/consultations/k#c-c2");
        assertThat(activity.comments().get(0).state()).isEqualTo("no reply");
    }

    @Test
    void a_long_text_is_cut_at_a_word() {
        String text = "word ".repeat(40);
        assertThat(Activity.excerpt(text)).endsWith("word…").hasSizeLessThanOrEqualTo(141);
        assertThat(Activity.excerpt("short")).isEqualTo("short");
    }
}
