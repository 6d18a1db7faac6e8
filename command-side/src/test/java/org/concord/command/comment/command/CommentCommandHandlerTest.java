package org.concord.command.comment.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.concord.command.consultation.command.StoredConsultations;
import org.concord.command.domain.RuleViolationException;
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
import java.util.Objects;

/** The rules of a comment on words of a provision: where the words may be and how they are quoted. */
class CommentCommandHandlerTest {

    private static final Actor DRAFTER = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    /** Nine words: States, should, regulate, the, sale, of, intrusion, tools and the full stop. */
    private static final String FIRST = "States should regulate the sale of intrusion tools.";
    private static final String CHINESE = "各国应当监管入侵工具的销售。";

    private FixtureConfiguration<Comment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Comment.class);
    }

    /** A consultation whose round 1 is open at version 2: version 2 replaced provision 2, provision 1 is as created. */
    private void consultationAtVersion2() {
        fixture.registerAnnotatedCommandHandler(new CommentCommandHandler(fixture.getRepository(), StoredConsultations.commentRules("c-1", List.of(
                new ConsultationCreatedEvent("c-1", "Code", "For states", Visibility.PUBLIC,
                        List.of(new Provision("prov-1", "1", FIRST), new Provision("prov-2", "2", "Vendors should assess."),
                                new Provision("prov-3", "3", CHINESE)),
                        ConsultationStatus.DRAFT, DRAFTER, 1),
                new TextRevisedEvent("c-1", 2, 1, "clearer", List.of(new TextChange(ChangeKind.REPLACE, "prov-2", null, null,
                        "Vendors should assess the human-rights impact.")), DRAFTER),
                new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER),
                new AmendmentProposedEvent("c-1", "a-1", ChangeKind.DELETE, "prov-2", 2, null, null, "Redundant", 1, FRANCE)))));
    }

    private static PostCommentCommand comment(String provisionId, String amendmentId, String replyTo, WordSelection selection) {
        return new PostCommentCommand("k-1", "c-1", provisionId, amendmentId, replyTo, "Too narrow.", Attribution.ATTRIBUTED,
                FRANCE, selection);
    }

    private static org.hamcrest.Matcher<Object> refusedAt(String field, RuleViolationException.Kind kind) {
        return Matchers.predicate(e -> e instanceof RuleViolationException refusal && Objects.equals(field, refusal.field()) && refusal.kind() == kind);
    }

    @Test
    void a_comment_on_words_quotes_them_as_they_read_in_the_version_selected_in() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, 2, 5)))
                .expectEvents(new CommentPostedEvent("k-1", "c-1", "prov-1", null, null, "Too narrow.", Attribution.ATTRIBUTED, 1,
                        FRANCE, new CommentAnchor(2, 2, 5, "regulate the sale")));
    }

    @Test
    void words_may_be_selected_in_any_version_since_their_provision_last_changed() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(1, 7, 9)))
                .expectEvents(new CommentPostedEvent("k-1", "c-1", "prov-1", null, null, "Too narrow.", Attribution.ATTRIBUTED, 1,
                        FRANCE, new CommentAnchor(1, 7, 9, "tools.")));
    }

    @Test
    void each_chinese_character_is_a_word_of_the_selection() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-3", null, null, new WordSelection(2, 4, 6)))
                .expectEvents(new CommentPostedEvent("k-1", "c-1", "prov-3", null, null, "Too narrow.", Attribution.ATTRIBUTED, 1,
                        FRANCE, new CommentAnchor(2, 4, 6, "监管")));
    }

    @Test
    void a_comment_on_no_words_has_no_anchor() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, null))
                .expectEvents(new CommentPostedEvent("k-1", "c-1", "prov-1", null, null, "Too narrow.", Attribution.ATTRIBUTED, 1,
                        FRANCE, null));
    }

    @Test
    void words_selected_before_their_provision_last_changed_are_refused_as_stale() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-2", null, null, new WordSelection(1, 0, 1)))
                .expectException(refusedAt(null, RuleViolationException.Kind.CONFLICT))
                .expectExceptionMessage("Provision 2 has changed since version 1 (last in version 2); select the words again "
                        + "in the current text, version 2.")
                .expectNoEvents();
    }

    @Test
    void a_version_the_text_has_not_reached_is_refused() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(3, 0, 1)))
                .expectException(refusedAt("anchor.version", RuleViolationException.Kind.INVALID))
                .expectExceptionMessage("must be between 1 and the current version 2")
                .expectNoEvents();
    }

    @Test
    void words_beyond_the_provision_s_last_are_refused() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, 8, 10)))
                .expectException(refusedAt("anchor.end", RuleViolationException.Kind.INVALID))
                .expectExceptionMessage("must be at most 9, the number of words of provision 1 in version 2")
                .expectNoEvents();
    }

    @Test
    void a_selection_of_no_words_is_refused() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, 3, 3)))
                .expectException(refusedAt("anchor.end", RuleViolationException.Kind.INVALID))
                .expectExceptionMessage("must be greater than anchor.start")
                .expectNoEvents();
    }

    @Test
    void a_selection_cannot_start_before_the_first_word() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, null, new WordSelection(2, -1, 2)))
                .expectException(refusedAt("anchor.start", RuleViolationException.Kind.INVALID))
                .expectExceptionMessage("must be at least 0")
                .expectNoEvents();
    }

    @Test
    void an_anchor_needs_its_provision() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment(null, null, null, new WordSelection(2, 0, 1)))
                .expectException(refusedAt("anchor", RuleViolationException.Kind.INVALID))
                .expectExceptionMessage("An anchor is on words of a provision: give provisionId too")
                .expectNoEvents();
    }

    @Test
    void a_comment_on_an_amendment_takes_no_anchor() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-2", "a-1", null, new WordSelection(2, 0, 1)))
                .expectException(refusedAt("anchor", RuleViolationException.Kind.INVALID))
                .expectExceptionMessage("A comment on an amendment takes no anchor")
                .expectNoEvents();
    }

    @Test
    void a_reply_takes_no_anchor() {
        consultationAtVersion2();
        fixture.givenNoPriorActivity()
                .when(comment("prov-1", null, "k-0", new WordSelection(2, 0, 1)))
                .expectException(refusedAt("anchor", RuleViolationException.Kind.INVALID))
                .expectExceptionMessage("A reply takes no anchor: it is on what its comment is on")
                .expectNoEvents();
    }
}
