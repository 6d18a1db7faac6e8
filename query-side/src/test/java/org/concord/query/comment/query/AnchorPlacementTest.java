package org.concord.query.comment.query;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.consultation.Words;
import org.concord.query.comment.query.CommentView.AnchorStatus;
import org.concord.query.comment.query.CommentView.Current;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.Wording;
import org.concord.query.history.query.WordTrail;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the words a comment is on are after later versions changed, moved or removed them. */
class AnchorPlacementTest {

    private static final Cause REVISION = new Cause("REVISION", null, null, null, "drafting");
    private static final String FIRST = "States should regulate the sale of intrusion tools.";

    /** A provision's wording in version 1, 2, … (null where deleted), and its trail. */
    private record History(List<String> wordings, WordTrail trail) {
    }

    private static History history(String... wordings) {
        List<Wording> entries = new ArrayList<>();
        for (int i = 0; i < wordings.length; i++) {
            entries.add(new Wording(i + 1, "1", wordings[i], wordings[i] == null, REVISION));
        }
        return new History(Arrays.asList(wordings), new WordTrail(entries));
    }

    /** The anchor on words [start, end) of the wording in {@code version}, quoted as the command side quotes them, when read. */
    private static CommentView.Anchor placed(History history, int version, int start, int end, int currentVersion) {
        String quote = Words.quote(history.wordings().get(version - 1), start, end);
        return AnchorPlacement.of(new CommentAnchor(version, start, end, quote), history.trail(), currentVersion);
    }

    @Test
    void words_of_an_unchanged_provision_are_current() {
        CommentView.Anchor anchor = placed(history(FIRST), 1, 2, 5, 3);
        assertThat(anchor.quote()).isEqualTo("regulate the sale");
        assertThat(anchor.status()).isEqualTo(AnchorStatus.CURRENT);
        assertThat(anchor.current()).isEqualTo(new Current(3, 2, 5, "regulate the sale"));
    }

    @Test
    void words_added_after_them_leave_them_current() {
        CommentView.Anchor anchor = placed(history(FIRST, "States should regulate the sale of intrusion tools and services."), 1, 2, 5, 2);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.CURRENT);
        assertThat(anchor.current()).isEqualTo(new Current(2, 2, 5, "regulate the sale"));
    }

    @Test
    void words_added_before_them_move_them() {
        CommentView.Anchor anchor = placed(history(FIRST, "All States should strictly regulate the sale of intrusion tools."), 1, 2, 5, 2);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.MOVED);
        assertThat(anchor.current()).isEqualTo(new Current(2, 4, 7, "regulate the sale"));
    }

    @Test
    void words_added_among_them_change_them_and_the_span_covers_the_new_words() {
        CommentView.Anchor anchor = placed(history(FIRST, "States should regulate the export and sale of intrusion tools."), 1, 2, 5, 2);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.CHANGED);
        assertThat(anchor.current()).isEqualTo(new Current(2, 2, 7, "regulate the export and sale"));
    }

    @Test
    void when_some_of_them_are_deleted_the_span_covers_the_survivors() {
        CommentView.Anchor anchor = placed(history(FIRST, "States should regulate intrusion tools."), 1, 2, 7, 2);
        assertThat(anchor.quote()).isEqualTo("regulate the sale of intrusion");
        assertThat(anchor.status()).isEqualTo(AnchorStatus.CHANGED);
        assertThat(anchor.current()).isEqualTo(new Current(2, 2, 4, "regulate intrusion"));
    }

    @Test
    void when_all_of_them_are_deleted_they_are_on_removed_text_with_their_old_wording() {
        CommentView.Anchor anchor = placed(history(FIRST, "States should control intrusion tools."), 1, 2, 6, 2);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.REMOVED);
        assertThat(anchor.current()).isNull();
        assertThat(anchor.quote()).isEqualTo("regulate the sale of");
    }

    @Test
    void when_the_provision_is_deleted_they_are_on_removed_text() {
        CommentView.Anchor anchor = placed(history(FIRST, FIRST + " Also services.", null), 1, 0, 2, 3);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.REMOVED);
        assertThat(anchor.current()).isNull();
        assertThat(anchor.quote()).isEqualTo("States should");
    }

    @Test
    void they_are_followed_through_every_later_version_not_only_the_last() {
        History trail = history(FIRST, "Each of the States should regulate the sale of intrusion tools.",
                "Each of the States should regulate the sale and export of intrusion tools.",
                "Each of the States should regulate the sale and export of tools.");
        assertThat(placed(trail, 1, 4, 8, 4).quote()).isEqualTo("sale of intrusion tools");
        assertThat(placed(trail, 1, 4, 8, 4).current()).isEqualTo(new Current(4, 7, 12, "sale and export of tools"));
        assertThat(placed(trail, 1, 4, 8, 4).status()).isEqualTo(AnchorStatus.CHANGED);
        assertThat(placed(trail, 2, 9, 11, 4).current()).isEqualTo(new Current(4, 11, 12, "tools"));
        assertThat(placed(trail, 3, 0, 5, 4).status()).isEqualTo(AnchorStatus.CURRENT);
    }

    @Test
    void a_renumbered_provision_keeps_its_anchors_which_follow_its_id_not_its_label() {
        WordTrail trail = new WordTrail(List.of(new Wording(1, "2", FIRST, false, REVISION),
                new Wording(4, "3", "Moreover, " + FIRST, false, REVISION)));
        CommentView.Anchor anchor = AnchorPlacement.of(new CommentAnchor(2, 0, 2, "States should"), trail, 5);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.MOVED);
        assertThat(anchor.current()).isEqualTo(new Current(5, 2, 4, "States should"));
    }

    @Test
    void a_new_no_break_space_between_them_is_a_change() {
        CommentView.Anchor anchor = placed(history(FIRST, "States should regulate the\u00A0sale of intrusion tools."), 1, 2, 5, 2);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.CHANGED);
        assertThat(anchor.current()).isEqualTo(new Current(2, 2, 5, "regulate the\u00A0sale"));
    }

    @Test
    void french_words_with_accents_move_whole() {
        CommentView.Anchor anchor = placed(history("L’État réglemente la vente d’outils d’intrusion.",
                "Chaque État partie réglemente strictement la vente d’outils d’intrusion."), 1, 1, 4, 2);
        assertThat(anchor.quote()).isEqualTo("réglemente la vente");
        assertThat(anchor.status()).isEqualTo(AnchorStatus.CHANGED);
        assertThat(anchor.current()).isEqualTo(new Current(2, 3, 7, "réglemente strictement la vente"));
    }

    @Test
    void each_chinese_character_is_followed_on_its_own() {
        CommentView.Anchor anchor = placed(history("各国应当监管入侵工具的销售。", "所有国家应当严格监管入侵工具的销售。"), 1, 4, 6, 2);
        assertThat(anchor.quote()).isEqualTo("监管");
        assertThat(anchor.status()).isEqualTo(AnchorStatus.MOVED);
        assertThat(anchor.current()).isEqualTo(new Current(2, 8, 10, "监管"));
    }

    @Test
    void an_emoji_is_one_word_and_moves_whole() {
        CommentView.Anchor anchor = placed(history("Vendors 👍🏽 the code 👨‍👩‍👧‍👦.", "All vendors 👍🏽 the code 👨‍👩‍👧‍👦."), 1, 1, 5, 2);
        assertThat(anchor.quote()).isEqualTo("👍🏽 the code 👨‍👩‍👧‍👦");
        assertThat(anchor.status()).isEqualTo(AnchorStatus.MOVED);
        assertThat(anchor.current()).isEqualTo(new Current(2, 2, 6, "👍🏽 the code 👨‍👩‍👧‍👦"));
    }

    @Test
    void until_the_history_has_recorded_the_anchor_s_version_the_anchor_is_answered_as_posted() {
        CommentView.Anchor anchor = AnchorPlacement.of(new CommentAnchor(3, 2, 5, "regulate the sale"), history(FIRST).trail(), 2);
        assertThat(anchor.status()).isEqualTo(AnchorStatus.CURRENT);
        assertThat(anchor.current()).isEqualTo(new Current(3, 2, 5, "regulate the sale"));
    }

    /** Words of one vocabulary and, inserted around the anchored ones, words of another, so no diff can mistake them. */
    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.of("States", "should", "regulate", "the", "sale", "État", "réglementer", "各", "国", "👍🏽", ".", ",")
                .list().ofMinSize(1).ofMaxSize(15);
    }

    @Provide
    Arbitrary<List<List<String>>> insertions() {
        return Arbitraries.of("strictly", "vente", "监", "🇫🇷", "«", "»").list().ofMaxSize(3).list().ofMinSize(16).ofMaxSize(16);
    }

    @Property(tries = 500)
    void words_only_inserted_around_leave_the_anchored_words_reading_as_quoted(@ForAll("texts") List<String> words,
            @ForAll("insertions") List<List<String>> inserted, @ForAll int seedStart, @ForAll int seedLength) {
        int start = Math.floorMod(seedStart, words.size());
        int end = start + 1 + Math.floorMod(seedLength, words.size() - start);
        List<String> after = new ArrayList<>();
        for (int i = 0; i <= words.size(); i++) {
            if (i <= start || i >= end) {
                after.addAll(inserted.get(i));
            }
            if (i < words.size()) {
                after.add(words.get(i));
            }
        }
        CommentView.Anchor anchor = placed(history(String.join(" ", words), String.join(" ", after)), 1, start, end, 2);
        assertThat(anchor.status()).isIn(AnchorStatus.CURRENT, AnchorStatus.MOVED);
        assertThat(anchor.current().text()).isEqualTo(anchor.quote());
        assertThat(Words.quote(String.join(" ", after), anchor.current().start(), anchor.current().end())).isEqualTo(anchor.quote());
    }

    @Provide
    Arbitrary<List<String>> histories() {
        Arbitrary<String> wording = Combinators.combine(texts(), Arbitraries.of(" ", "  ", "\u00A0", "\n").list().ofSize(15))
                .as((words, spaces) -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < words.size(); i++) {
                        text.append(words.get(i)).append(i < words.size() - 1 ? spaces.get(i) : "");
                    }
                    return text.toString();
                });
        return wording.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 500)
    void the_current_words_are_in_the_current_wording_and_read_as_the_answer_says(@ForAll("histories") List<String> wordings,
            @ForAll int seedStart, @ForAll int seedLength, @ForAll boolean deletedAtLast) {
        List<String> all = new ArrayList<>(wordings);
        if (deletedAtLast) {
            all.add(null);
        }
        int words = Words.count(wordings.get(0));
        int start = Math.floorMod(seedStart, words);
        int end = start + 1 + Math.floorMod(seedLength, words - start);
        CommentView.Anchor anchor = placed(history(all.toArray(String[]::new)), 1, start, end, all.size());
        String last = all.get(all.size() - 1);
        assertThat(anchor.current() == null).isEqualTo(anchor.status() == AnchorStatus.REMOVED);
        if (anchor.current() != null) {
            assertThat(anchor.current().end()).isLessThanOrEqualTo(Words.count(last));
            assertThat(anchor.current().text()).isEqualTo(Words.quote(last, anchor.current().start(), anchor.current().end()));
            assertThat(anchor.current().text().equals(anchor.quote())).isEqualTo(anchor.status() != AnchorStatus.CHANGED);
        }
        if (all.size() == 1) {
            assertThat(anchor.status()).isEqualTo(AnchorStatus.CURRENT);
        }
    }
}
