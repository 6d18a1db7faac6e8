package org.concord.query.comment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.comment.FindCommentsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.comment.query.CommentView;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** Reads comment threads, masking Chatham House authors for everybody but drafters and the author. */
@Tag(name = "Comments")
@RestController
class CommentQueryController {

    private final ConsultationAccess access;
    private final QueryRunner queries;

    CommentQueryController(ConsultationAccess access, QueryRunner queries) {
        this.access = access;
        this.queries = queries;
    }

    @Operation(operationId = "listComments", summary = "Comment threads, optionally of one provision or amendment; Chatham House authors are masked")
    @GetMapping(path = "/api/consultations/{consultationId}/comments", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<CommentView>> list(CallerIdentity caller, @PathVariable String consultationId,
                                 @RequestParam(required = false) String provisionId,
                                 @RequestParam(required = false) String amendmentId) {
        FindCommentsQuery query = new FindCommentsQuery(consultationId, provisionId, amendmentId,
                caller.participantId(), caller.hasAnyRole("DRAFTER"));
        return access.visible(caller, consultationId)
                .then(queries.query(query, ResponseTypes.multipleInstancesOf(CommentView.class)));
    }
}
