package org.concord.command.comment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.dispatch.NewIds;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.PostCommentCommand;
import org.concord.messages.comment.WordSelection;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;

/** Participants and drafters comment on a consultation, a provision or some of its words, or an amendment, or reply. */
@Tag(name = "Comments")
@RestController
class CommentCommandController {

    private final CommandDispatcher commands;

    CommentCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(operationId = "postComment", summary = "Comment on a consultation, a provision or some of its words, or an amendment, or reply (round OPEN)",
            responses = @ApiResponse(responseCode = "201", description = "Posted; Location is the comment", useReturnTypeSchema = true))
    @PostMapping(path = "/api/consultations/{consultationId}/comments", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Posted>> post(CallerIdentity caller, NewIds ids, @PathVariable String consultationId,
                                      @Valid @RequestBody Mono<PostComment> body) {
        caller.requireAnyRole("PARTICIPANT", "DRAFTER");
        String commentId = ids.next();
        return body.flatMap(request -> commands.dispatch(new PostCommentCommand(commentId, consultationId,
                        request.provisionId(), request.amendmentId(), request.replyTo(), request.body(),
                        request.attribution(), Actors.of(caller), request.anchor() == null ? null : request.anchor().selection())))
                .map(position -> ResponseEntity
                        .created(URI.create("/api/consultations/" + consultationId + "/comments/" + commentId))
                        .body(new Posted(commentId, position)));
    }

    /** The body of {@code POST /api/consultations/{id}/comments}; {@code anchor} only for a comment on some words of the provision. */
    @Schema(example = """
            {"provisionId": "9b2d4c1a-6e0f-4f3b-8a57-2c4d7e1f0b93",
             "anchor": {"version": 3, "start": 4, "end": 9},
             "body": "Publication should not reveal the vendors' customers where that endangers investigations.",
             "attribution": "CHATHAM_HOUSE"}
            """)
    record PostComment(@Size(max = 64) String provisionId,
                       @Size(max = 64) String amendmentId,
                       @Size(max = 64) String replyTo,
                       @NotBlank @Size(max = 10000) String body,
                       @NotNull Attribution attribution,
                       @Valid Anchor anchor) {
    }

    /** Words [start, end) of the provision's wording in {@code version}, counted as docs/api.md says. */
    @Schema(name = "AnchorRequest", description = "The words commented on: words [start, end) of the provision's wording in version, "
            + "counted from 0 as docs/api.md defines a word")
    record Anchor(@NotNull @Min(1) Integer version,
                  @NotNull @Min(0) Integer start,
                  @NotNull @Min(1) Integer end) {

        WordSelection selection() {
            return new WordSelection(version, start, end);
        }
    }

    /** The answer to a posted comment. */
    record Posted(String commentId, long position) {
    }
}
