package org.concord.command.comment.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.command.consultation.command.StoredConsultations;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.comment.PostCommentCommand;
import org.concord.messages.comment.WordSelection;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_FOUND;

/**
 * The rules of posting a comment: while its consultation's round is open, on what exists in it, on words of a
 * provision quoted as they read, in reply to a comment of the same consultation. Replies posted: {@link CommentReplyTest}.
 */
class CommentCommandHandlerTest {

    private static final Actor DRAFTER = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    /** Nine words: States, should, regulate, the, sale, of, intrusion, tools and the full stop. */
    private static final String FIRST = "States should regulate the sale of intrusion tools.";
    private static final String CHINESE = "各国应当监管入侵工具的销售。";
    private static final ConsultationCreatedEvent CREATED = new ConsultationCreatedEvent("c-1", "Code", "For states",
            Visibility.PUBLIC, List.of(new Provision("prov-1", "1", FIRST), new Provision("prov-2", "2", "Vendors should assess."),
            new Provision("prov-3", "3", CHINESE)), ConsultationStatus.DRAFT, DRAFTER, 1);
    private static final TextRevisedEvent PROVISION_2_REVISED = new TextRevisedEvent("c-1", 2, 1, "clearer",
            List.of(new TextChange(ChangeKind.REPLACE, "prov-2", null, null, "Vendors should assess the human-rights impact.")), DRAFTER);
    private static final RoundOpenedEvent ROUND_1_OPENED = new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER);
    private static final AmendmentProposedEvent FRANCE_DELETES_2 = new AmendmentProposedEvent("c-1", "a-1", ChangeKind.DELETE,
            "prov-2", 2, null, null, "Redundant", 1, FRANCE);

    private FixtureConfiguration<Comment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Comment.class);
    }

    /** Comments are checked against consultation c-1 with these events. */
    private void consultation(Object... events) {
        fixture.registerAnnotatedCommandHandler(new CommentCommandHandler(fixture.getRepository(),
                StoredConsultations.commentRules("c-1", List.of(events))));
    }

    /** A consultation whose round 1 is open at version 2: version 2 replaced provision 2, provision 1 is as created. */
    private void consultationAtVersion2() {
        consultation(CREATED, PROVISION_2_REVISED, ROUND_1_OPENED, FRANCE_DELETES_2);
    }

    private static PostCommentCommand comment(String provisionId, String amendmentId, String replyTo, WordSelection selection) {
        return new PostCommentCommand("k-1", "c-1", provisionId, amendmentId, replyTo, "Too narrow.", Attribution.ATTRIBUTED,
                FRANCE, selection);
    }

    private static CommentPostedEvent posted(String provisionId, String amendmentId, int round, CommentAnchor anchor) {
        return new CommentPostedEvent("k-1", "c-1", provisionId, amendmentId, null, "Too narrow.", Attribution.ATTRIBUTED, round,
                FRANCE, anchor);
    }

    @Test
    void a_comment_on_the_consultation_names_no_provision() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment(null, null, null, null))
                .expectEvents(posted(null, null, 1, null));
    }

    @Test
    void a_comment_on_no_words_has_no_anchor() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, null))
                .expectEvents(posted("prov-1", null, 1, null));
    }

    @Test
    void a_comment_on_an_amendment_names_it() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment(null, "a-1", null, null))
                .expectEvents(posted(null, "a-1", 1, null));
    }

    @Test
    void a_chatham_house_comment_keeps_its_author_for_the_secretariat() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(new PostCommentCommand("k-1", "c-1", null, null, null, "Off the record.", Attribution.CHATHAM_HOUSE,
                        FRANCE, null))
                .expectEvents(new CommentPostedEvent("k-1", "c-1", null, null, null, "Off the record.", Attribution.CHATHAM_HOUSE,
                        1, FRANCE, null));
    }

    @Test
    void a_comment_belongs_to_the_round_open_when_it_is_posted() {
        consultation(CREATED, ROUND_1_OPENED, new RoundClosedEvent("c-1", 1, DRAFTER),
                new RoundOpenedEvent("c-1", 2, Instant.parse("2100-02-01T00:00:00Z"), DRAFTER));
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, null))
                .expectEvents(posted("prov-1", null, 2, null));
    }

    @Test
    void a_comment_needs_a_body() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(new PostCommentCommand("k-1", "c-1", null, null, null, " ", Attribution.ATTRIBUTED, FRANCE, null))
                .expectException(refused(INVALID, "body"))
                .expectExceptionMessage("must not be blank")
                .expectNoEvents();
    }

    @Test
    void no_comment_is_accepted_before_a_round_is_open() {
        consultation(CREATED);
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, null))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("No comment round is open: comments are not accepted while the consultation is DRAFT.")
                .expectNoEvents();
    }

    @Test
    void no_comment_is_accepted_once_the_round_is_closed() {
        consultation(CREATED, ROUND_1_OPENED, new RoundClosedEvent("c-1", 1, DRAFTER));
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, null))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("No comment round is open: comments are not accepted while the consultation is CLOSED.")
                .expectNoEvents();
    }

    @Test
    void no_comment_is_accepted_after_the_deadline_even_before_the_round_is_closed() {
        consultation(CREATED, new RoundOpenedEvent("c-1", 1, Instant.parse("2025-04-15T10:00:00Z"), DRAFTER));
        fixture.givenCurrentTime(Instant.parse("2025-04-15T10:00:01Z"))
                .when(comment("prov-1", null, null, null))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The deadline of round 1 passed at 2025-04-15T10:00:00Z: no new comments are accepted.")
                .expectNoEvents();
    }

    @Test
    void a_comment_on_a_consultation_that_does_not_exist_is_not_found() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(new PostCommentCommand("k-1", "c-9", null, null, null, "Too narrow.", Attribution.ATTRIBUTED, FRANCE, null))
                .expectException(refused(NOT_FOUND, null))
                .expectExceptionMessage("No consultation c-9 exists.")
                .expectNoEvents();
    }

    @Test
    void a_comment_must_name_a_provision_of_the_current_text() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-9", null, null, null))
                .expectException(refused(INVALID, "provisionId"))
                .expectExceptionMessage("No provision prov-9 in the current text")
                .expectNoEvents();
    }

    @Test
    void a_comment_must_name_an_amendment_of_the_consultation() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment(null, "a-9", null, null))
                .expectException(refused(INVALID, "amendmentId"))
                .expectExceptionMessage("No amendment a-9 in this consultation")
                .expectNoEvents();
    }

    @Test
    void a_reply_to_a_comment_that_does_not_exist_is_refused() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment(null, null, "k-0", null))
                .expectException(refused(INVALID, "replyTo"))
                .expectExceptionMessage("No comment k-0")
                .expectNoEvents();
    }

    @Test
    void a_reply_to_a_comment_on_another_consultation_is_refused() {
        consultationAtVersion2();
        fixture.given(new CommentPostedEvent("k-0", "c-2", null, null, null, "Elsewhere.", Attribution.ATTRIBUTED, 1, DRAFTER, null))
                .when(comment(null, null, "k-0", null))
                .expectException(refused(INVALID, "replyTo"))
                .expectExceptionMessage("The comment replied to belongs to another consultation")
                .expectNoEvents();
    }

    @Test
    void a_comment_on_words_quotes_them_as_they_read_in_the_version_selected_in() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, 2, 5)))
                .expectEvents(posted("prov-1", null, 1, new CommentAnchor(2, 2, 5, "regulate the sale")));
    }

    @Test
    void words_may_be_selected_in_any_version_since_their_provision_last_changed() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(1, 7, 9)))
                .expectEvents(posted("prov-1", null, 1, new CommentAnchor(1, 7, 9, "tools.")));
    }

    @Test
    void each_chinese_character_is_a_word_of_the_selection() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-3", null, null, new WordSelection(2, 4, 6)))
                .expectEvents(posted("prov-3", null, 1, new CommentAnchor(2, 4, 6, "监管")));
    }

    @Test
    void words_selected_before_their_provision_last_changed_are_refused_as_stale() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-2", null, null, new WordSelection(1, 0, 1)))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Provision 2 has changed since version 1 (last in version 2); select the words again "
                        + "in the current text, version 2.")
                .expectNoEvents();
    }

    @Test
    void a_version_the_text_has_not_reached_is_refused() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(3, 0, 1)))
                .expectException(refused(INVALID, "anchor.version"))
                .expectExceptionMessage("must be between 1 and the current version 2")
                .expectNoEvents();
    }

    @Test
    void words_beyond_the_provision_s_last_are_refused() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, 8, 10)))
                .expectException(refused(INVALID, "anchor.end"))
                .expectExceptionMessage("must be at most 9, the number of words of provision 1 in version 2")
                .expectNoEvents();
    }

    @Test
    void a_selection_of_no_words_is_refused() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, 3, 3)))
                .expectException(refused(INVALID, "anchor.end"))
                .expectExceptionMessage("must be greater than anchor.start")
                .expectNoEvents();
    }

    @Test
    void a_selection_cannot_start_before_the_first_word() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, -1, 2)))
                .expectException(refused(INVALID, "anchor.start"))
                .expectExceptionMessage("must be at least 0")
                .expectNoEvents();
    }

    @Test
    void an_anchor_needs_its_provision() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment(null, null, null, new WordSelection(2, 0, 1)))
                .expectException(refused(INVALID, "anchor"))
                .expectExceptionMessage("An anchor is on words of a provision: give provisionId too")
                .expectNoEvents();
    }

    @Test
    void a_comment_on_an_amendment_takes_no_anchor() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-2", "a-1", null, new WordSelection(2, 0, 1)))
                .expectException(refused(INVALID, "anchor"))
                .expectExceptionMessage("A comment on an amendment takes no anchor")
                .expectNoEvents();
    }

    @Test
    void a_reply_takes_no_anchor() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, "k-0", new WordSelection(2, 0, 1)))
                .expectException(refused(INVALID, "anchor"))
                .expectExceptionMessage("A reply takes no anchor: it is on what its comment is on")
                .expectNoEvents();
    }
}
