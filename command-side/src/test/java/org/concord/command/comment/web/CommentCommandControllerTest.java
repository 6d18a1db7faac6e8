package org.concord.command.comment.web;

import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.domain.RuleViolationException;
import org.concord.command.web.CommandWebSlice;
import org.concord.command.web.SignedCallers;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.PostCommentCommand;
import org.concord.messages.comment.WordSelection;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.command.web.DispatcherAnswers.dispatchFailing;
import static org.concord.command.web.ProblemAnswers.expectInvalidField;
import static org.concord.command.web.ProblemAnswers.expectProblem;
import static org.concord.command.web.ProblemAnswers.expectUnauthenticated;
import static org.concord.command.web.SignedCallers.DRAFTER;
import static org.concord.command.web.SignedCallers.FRANCE;
import static org.concord.command.web.SignedCallers.OBSERVER;
import static org.concord.command.web.SignedCallers.signed;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The comment endpoint as a client meets it (docs/api.md, Comments): answers, refusals and who may call. */
@WebFluxTest(CommentCommandController.class)
@ContextConfiguration(classes = CommandWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + SignedCallers.SECRET)
class CommentCommandControllerTest {

    private static final String PATH = "/api/consultations/c-1/comments";
    private static final String ON_WORDS = """
            {"provisionId": "prov-1", "anchor": {"version": 1, "start": 2, "end": 5},
             "body": "Which sale?", "attribution": "CHATHAM_HOUSE"}""";

    @Autowired
    WebTestClient web;

    @MockitoBean
    CommandDispatcher commands;

    @Test
    void a_participant_comments_on_words_answered_with_the_comment_s_location_and_position() {
        when(commands.dispatch(any())).thenReturn(Mono.just(42L));

        var answer = post(FRANCE, ON_WORDS)
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.position").isEqualTo(42)
                .returnResult();

        PostCommentCommand posted = (PostCommentCommand) dispatched();
        assertThat(posted).isEqualTo(new PostCommentCommand(posted.commentId(), "c-1", "prov-1", null, null, "Which sale?",
                Attribution.CHATHAM_HOUSE, new Actor("p-fr", "France", StakeholderType.STATE), new WordSelection(1, 2, 5)));
        assertThat(answer.getResponseHeaders().getLocation()).hasToString(PATH + "/" + posted.commentId());
        assertThat(new String(answer.getResponseBodyContent())).contains("\"commentId\":\"" + posted.commentId() + "\"");
    }

    @Test
    void a_drafter_replies_to_a_comment() {
        when(commands.dispatch(any())).thenReturn(Mono.just(43L));

        post(DRAFTER, """
                {"replyTo": "k-0", "body": "Any sale.", "attribution": "ATTRIBUTED"}""")
                .expectStatus().isCreated();

        PostCommentCommand posted = (PostCommentCommand) dispatched();
        assertThat(posted.replyTo()).isEqualTo("k-0");
        assertThat(posted.selection()).isNull();
        assertThat(posted.author()).isEqualTo(new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION));
    }

    @Test
    void a_comment_without_a_body_is_refused_naming_it() {
        expectInvalidField(post(FRANCE, ON_WORDS.replace("Which sale?", " ")), "body");
        verifyNoInteractions(commands);
    }

    @Test
    void an_attribution_that_does_not_exist_is_refused_naming_those_that_do() {
        expectInvalidField(post(FRANCE, ON_WORDS.replace("CHATHAM_HOUSE", "ANONYMOUS")), "attribution")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of ATTRIBUTED, CHATHAM_HOUSE");
        verifyNoInteractions(commands);
    }

    @Test
    void an_anchor_ending_before_its_first_word_is_refused_naming_its_end() {
        expectInvalidField(post(FRANCE, ON_WORDS.replace("\"end\": 5", "\"end\": 0")), "anchor.end");
        verifyNoInteractions(commands);
    }

    @Test
    void an_anchor_without_its_version_is_refused_naming_it() {
        expectInvalidField(post(FRANCE, ON_WORDS.replace("\"version\": 1, ", "")), "anchor.version");
        verifyNoInteractions(commands);
    }

    @Test
    void a_comment_that_is_not_json_is_malformed() {
        expectProblem(post(FRANCE, "body=Which+sale"), HttpStatus.BAD_REQUEST, "malformed-body");
        verifyNoInteractions(commands);
    }

    @Test
    void an_observer_does_not_comment() {
        expectProblem(post(OBSERVER, ON_WORDS), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles PARTICIPANT, DRAFTER.");
        verifyNoInteractions(commands);
    }

    @Test
    void a_comment_without_the_gateway_s_caller_header_is_unauthenticated() {
        expectUnauthenticated(web.post().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(ON_WORDS).exchange());
        verifyNoInteractions(commands);
    }

    @Test
    void a_caller_header_that_is_not_signed_is_unauthenticated() {
        expectUnauthenticated(web.post().uri(PATH).header(CallerIdentityCodec.HEADER, "p-fr")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ON_WORDS).exchange());
        verifyNoInteractions(commands);
    }

    @Test
    void words_beyond_the_provision_s_last_are_refused_naming_the_anchor_s_end() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.invalid("anchor.end",
                "must be at most 4, the number of words of provision 1 in version 1")));

        expectInvalidField(post(FRANCE, ON_WORDS), "anchor.end")
                .jsonPath("$.errors[0].message").isEqualTo("must be at most 4, the number of words of provision 1 in version 1");
    }

    @Test
    void words_whose_provision_changed_since_their_version_are_a_conflict() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.conflict(
                "Provision 1 has changed since version 1 (last in version 2); select the words again in the current text, version 2.")));

        expectProblem(post(FRANCE, ON_WORDS), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("Provision 1 has changed since version 1 (last in version 2); "
                        + "select the words again in the current text, version 2.");
    }

    @Test
    void a_comment_on_a_consultation_that_does_not_exist_is_not_found() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.notFound("No consultation c-1 exists.")));

        expectProblem(post(FRANCE, ON_WORDS), HttpStatus.NOT_FOUND, "not-found")
                .jsonPath("$.detail").isEqualTo("No consultation c-1 exists.");
    }

    private WebTestClient.ResponseSpec post(CallerIdentity caller, String json) {
        return web.post().uri(PATH).header(CallerIdentityCodec.HEADER, signed(caller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private Object dispatched() {
        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        verify(commands).dispatch(command.capture());
        return command.getValue();
    }
}
