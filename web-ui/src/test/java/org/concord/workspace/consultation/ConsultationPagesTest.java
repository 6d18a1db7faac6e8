package org.concord.workspace.consultation;

import org.concord.workspace.consultation.ApiConsultation.Amendment;
import org.concord.workspace.consultation.ApiConsultation.Comment;
import org.concord.workspace.consultation.ApiConsultation.Detail;
import org.concord.workspace.consultation.ApiConsultation.Participant;
import org.concord.workspace.consultation.ApiConsultation.Provision;
import org.concord.workspace.consultation.ApiConsultation.Round;
import org.concord.workspace.consultation.ApiConsultation.Supporters;
import org.concord.workspace.consultation.ConsultationPage.CommentView;
import org.concord.workspace.consultation.ConsultationPage.ProvisionView;
import org.concord.workspace.layout.Formats;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ConsultationPagesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Participant FRANCE = new Participant("p-fr", "France", "STATE");
    private static final Participant MERIDIAN = new Participant("p-me", "Meridian Cloud Services", "COMPANY");
    private static final Participant MASKED_STATE = new Participant(null, null, "STATE");

    private final Formats english = formats(Locale.ENGLISH);

    @Test
    void groupsAmendmentsAndCommentsByProvisionAndCountsReplies() {
        Comment reply = comment("c2", null, null, "ATTRIBUTED", MERIDIAN, List.of());
        Comment onOne = comment("c1", "p1", null, "ATTRIBUTED", FRANCE, List.of(reply));
        Comment onTwo = comment("c3", "p2", null, "ATTRIBUTED", FRANCE, List.of());
        Comment onAmendment = comment("c4", null, "a1", "ATTRIBUTED", MERIDIAN, List.of());
        Comment general = comment("c5", null, null, "ATTRIBUTED", FRANCE, List.of());

        ConsultationPage page = ConsultationPages.build(detail(3), List.of(
                        amendment("a1", "REPLACE", "p1", "PROPOSED", "The first provision, reworded."),
                        amendment("a2", "DELETE", "p3", "PROPOSED", null),
                        amendment("a3", "REPLACE", "p2", "ACCEPTED", "Done.")),
                List.of(onOne, onTwo, onAmendment, general), english, NOW);

        ProvisionView first = page.provisions().get(0);
        assertThat(first.anchor()).isEqualTo("p-p1");
        assertThat(first.counts()).isEqualTo("2 comments · 1 pending amendment");
        assertThat(first.commentsSummary()).isEqualTo("2 comments");
        assertThat(first.comments()).extracting(CommentView::anchor).containsExactly("c-c1");
        assertThat(first.comments().get(0).replies()).extracting(CommentView::anchor).containsExactly("c-c2");
        assertThat(first.historyHref()).isEqualTo("/consultations/cons/history/provisions/p1");
        assertThat(first.discussionHref()).isEqualTo("/consultations/cons/provisions/p1");
        assertThat(first.discussionName()).isEqualTo("Discussion of provision 1");
        assertThat(first.amendments()).hasSize(1);
        assertThat(first.amendments().get(0).comments()).extracting(CommentView::anchor).containsExactly("c-c4");
        assertThat(first.amendments().get(0).commentsSummary()).isEqualTo("1 comment");

        ProvisionView second = page.provisions().get(1);
        assertThat(second.counts()).isEqualTo("1 comment · no pending amendment");
        assertThat(second.amendments()).as("a decided amendment is not beside the text").isEmpty();

        ProvisionView third = page.provisions().get(2);
        assertThat(third.counts()).isEqualTo("No comments · 1 pending amendment");
        assertThat(third.amendments().get(0).delete()).isTrue();
        assertThat(third.amendments().get(0).deleted()).isEqualTo("Provision p3.");

        assertThat(page.general()).extracting(CommentView::anchor).containsExactly("c-c5");
        assertThat(page.decided().text()).isEqualTo("1 decided amendment → dispositions");
        assertThat(page.decided().href()).isEqualTo("/consultations/cons/dispositions");
        assertThat(page.textIntro()).isEqualTo("3 provisions · 2 pending amendments · 5 comments");
        assertThat(page.discussed()).extracting(ConsultationPage.Link::href).containsExactly("#p-p1", "#p-p3");
        assertThat(page.tracked()).isTrue();
    }

    @Test
    void aProvisionsDiscussionHoldsItsCommentsAndThoseOnItsAmendmentsEachOnce() {
        Comment onProvision = comment("c1", "p1", null, "ATTRIBUTED", FRANCE, List.of());
        Comment onAmendmentNamingTheProvision = comment("c2", "p1", "a1", "ATTRIBUTED", MERIDIAN, List.of());
        Comment onAmendment = comment("c3", null, "a1", "CHATHAM_HOUSE", MASKED_STATE, List.of());
        Comment onDecided = comment("c4", null, "a2", "ATTRIBUTED", FRANCE, List.of());

        ConsultationPage page = ConsultationPages.discussion(detail(2), List.of(
                        amendment("a1", "REPLACE", "p1", "PROPOSED", "The first provision, reworded."),
                        amendment("a2", "REPLACE", "p1", "REJECTED", "Not this.")),
                List.of(onProvision, onAmendmentNamingTheProvision),
                List.of(List.of(onAmendmentNamingTheProvision, onAmendment), List.of(onDecided)), english, NOW);

        ProvisionView first = page.provisions().get(0);
        assertThat(first.counts()).isEqualTo("2 comments · 1 pending amendment");
        assertThat(first.comments()).extracting(CommentView::anchor).containsExactly("c-c1", "c-c4");
        assertThat(first.comments().get(1).context()).as("a comment on a decided amendment says so").contains("rejected");
        assertThat(first.amendments().get(0).comments()).extracting(CommentView::anchor).containsExactly("c-c2", "c-c3");
    }

    @Test
    void aReplaceIsAWordDiffAgainstTheCurrentText() {
        ConsultationPage page = ConsultationPages.build(detail(1),
                List.of(amendment("a1", "REPLACE", "p1", "PROPOSED", "Provision one.")), List.of(), english, NOW);

        assertThat(page.provisions().get(0).amendments().get(0).diff()).containsExactly(
                new ConsultationPage.DiffRun(false, false, "Provision "),
                new ConsultationPage.DiffRun(false, true, "p1"),
                new ConsultationPage.DiffRun(true, false, "one"),
                new ConsultationPage.DiffRun(false, false, "."));
    }

    @Test
    void aMaskedChathamHouseAuthorIsShownOnlyByStakeholderType() {
        Comment masked = comment("c1", "p1", null, "CHATHAM_HOUSE", MASKED_STATE, List.of());
        Comment unmasked = comment("c2", "p1", null, "CHATHAM_HOUSE", MERIDIAN, List.of());

        ConsultationPage page = ConsultationPages.build(detail(1), List.of(), List.of(masked, unmasked), english, NOW);
        assertThat(page.nav().liveUrl()).as("the live panel starts after what the page shows").isEqualTo("/consultations/cons/live?after=41");

        CommentView first = page.provisions().get(0).comments().get(0);
        assertThat(first.author()).isEqualTo("A participant (State)");
        assertThat(first.rule()).isEqualTo("Chatham House rule");
        CommentView second = page.provisions().get(0).comments().get(1);
        assertThat(second.author()).as("a drafter sees what the API shows drafters").isEqualTo("Meridian Cloud Services (Company)");
        assertThat(second.rule()).isEqualTo("Chatham House rule");
        assertThat(ConsultationPages.author(MASKED_STATE, formats(Locale.FRENCH))).isEqualTo("Un participant (État)");
    }

    @Test
    void aStaleAmendmentSaysWhyAndSupportsAreBrokenDownByStakeholderType() {
        Amendment stale = new Amendment("a1", "REPLACE", "p1", 1, "New.", null, "Because.", "PROPOSED", true, 1, FRANCE,
                new Supporters(4, Map.of("NGO", 1, "STATE", 2, "ACADEMIA", 1)), null, NOW);

        ConsultationPage.AmendmentView view = ConsultationPages.build(detail(1), List.of(stale), List.of(), english, NOW)
                .provisions().get(0).amendments().get(0);

        assertThat(view.stale()).startsWith("the provision has changed since version 1");
        assertThat(view.heading()).isEqualTo("New wording proposed by France (State)");
        assertThat(view.supportTotal()).isEqualTo("Supported by 4 participants");
        assertThat(view.supports()).extracting(ConsultationPage.Fact::term).containsExactly("State", "NGO", "Academia");
        assertThat(view.supports()).extracting(ConsultationPage.Fact::value).containsExactly("2", "1", "1");
    }

    @Test
    void aCommentOnADecidedAmendmentHangsOnItsProvisionAndSaysSo() {
        Comment onDecided = comment("c1", null, "a1", "ATTRIBUTED", FRANCE, List.of());
        ConsultationPage page = ConsultationPages.build(detail(2),
                List.of(amendment("a1", "DELETE", "p2", "REJECTED", null)), List.of(onDecided), english, NOW);

        assertThat(page.provisions().get(1).comments()).extracting(CommentView::context)
                .containsExactly("On the amendment proposed by France (State) (rejected)");
        assertThat(page.provisions().get(1).counts()).isEqualTo("1 comment · no pending amendment");
    }

    @Test
    void theOpenRoundShowsItsDeadlineAndTimeLeft() {
        ConsultationPage page = ConsultationPages.build(detail(1), List.of(), List.of(), english, NOW);

        assertThat(page.deadline().text()).isEqualTo(english.dateTime(Instant.parse("2026-12-08T23:00:00Z"))).endsWith("23:00 UTC");
        assertThat(page.deadline().timeLeft()).isEqualTo("4 days and 13 hours left");
        assertThat(page.facts()).extracting(ConsultationPage.Fact::value)
                .contains("Round 1, open for comments and amendments", "Co-hosts Secretariat (United Kingdom) (State)");
    }

    @Test
    void aThousandProvisionsMakeAPageOfAThousandSections() {
        ConsultationPage page = ConsultationPages.build(detail(1000), List.of(), List.of(), english, NOW);

        assertThat(page.provisions()).hasSize(1000);
        assertThat(page.provisions()).allSatisfy(provision -> {
            assertThat(provision.amendments()).isEmpty();
            assertThat(provision.comments()).isEmpty();
        });
        assertThat(page.discussed()).isEmpty();
        assertThat(page.tracked()).as("no room is left beside a text without pending amendments").isFalse();
        assertThat(page.textIntro()).isEqualTo("1,000 provisions · no pending amendment · no comment");
    }

    private static Detail detail(int provisions) {
        List<Provision> text = new ArrayList<>();
        IntStream.rangeClosed(1, provisions).forEach(i -> text.add(new Provision("p" + i, String.valueOf(i), "Provision p" + i + ".")));
        return new Detail("cons", "Guidance", "A summary.", "OPEN", "PUBLIC", 2,
                new Participant("p-uk", "Co-hosts Secretariat (United Kingdom)", "STATE"),
                new Round(1, Instant.parse("2026-12-08T23:00:00Z"), "OPEN"), text, NOW, 41L);
    }

    @Test
    void aCommentOnWordsQuotesThemAndSaysWhatBecameOfThem() {
        ApiConsultation.Anchor current = new ApiConsultation.Anchor(1, 2, 5, "regulate the sale", "MOVED",
                new ApiConsultation.Current(2, 4, 7, "regulate the sale"));
        ApiConsultation.Anchor changed = new ApiConsultation.Anchor(1, 5, 7, "30 days", "CHANGED",
                new ApiConsultation.Current(3, 6, 7, "days"));
        ApiConsultation.Anchor removed = new ApiConsultation.Anchor(1, 5, 6, "30", "REMOVED", null);

        assertThat(ConsultationPages.onWords(null, english)).as("a comment on the whole provision").isNull();
        assertThat(ConsultationPages.onWords(current, english))
                .isEqualTo(new ConsultationPage.OnWords("On the words:", "regulate the sale", "", "", false));
        assertThat(ConsultationPages.onWords(changed, english)).isEqualTo(new ConsultationPage.OnWords(
                "On words changed since version 1, which read:", "30 days", "They now read:", "days", false));
        assertThat(ConsultationPages.onWords(removed, formats(Locale.FRENCH))).isEqualTo(new ConsultationPage.OnWords(
                "Sur un texte supprimé, qui se lisait dans la version 1\u00a0:", "30", "", "", true));
    }

    private static Amendment amendment(String id, String kind, String provisionId, String status, String text) {
        return new Amendment(id, kind, provisionId, 1, text, null, "Because.", status, false, 1, FRANCE,
                new Supporters(0, Map.of()), null, NOW);
    }

    private static Comment comment(String id, String provisionId, String amendmentId, String attribution, Participant author,
                                   List<Comment> replies) {
        return new Comment(id, provisionId, amendmentId, null, "Body " + id, attribution, author, NOW, 1, replies, null);
    }

    static Formats formats(Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/layout", "i18n/consultation");
        messages.setDefaultEncoding("UTF-8");
        messages.setAlwaysUseMessageFormat(true);
        messages.setFallbackToSystemLocale(false);
        return new Formats(locale, messages);
    }
}
