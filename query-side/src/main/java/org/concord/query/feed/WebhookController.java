package org.concord.query.feed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.FieldProblem;
import org.concord.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Webhooks: any authenticated caller registers a URL to which the events it may see are POSTed, signed
 * with its secret; the owner (or an administrator) reads it, its delivery log, and removes it.
 */
@Tag(name = "Feeds")
@RestController
@RequestMapping(path = "/api/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

    private static final int MAX_URL = 2000;
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 200;

    private final WebhookStore store;
    private final FeedTail tail;
    private final ConsultationVisibility visibility;
    private final WebhookAddresses addresses;
    private final WebhookProperties properties;

    WebhookController(WebhookStore store, FeedTail tail, ConsultationVisibility visibility, WebhookAddresses addresses,
                      WebhookProperties properties) {
        this.store = store;
        this.tail = tail;
        this.visibility = visibility;
        this.addresses = addresses;
        this.properties = properties;
    }

    /** A webhook to register; {@code after} (optional) asks for the events after that position too, else only new ones. */
    record RegisterWebhookRequest(String url, String secret, String consultationId, List<String> types, Long after) {
    }

    record Registered(String webhookId, long position) {
    }

    @Operation(operationId = "registerWebhook", summary = "Register a URL to which the events the caller may see are POSTed, signed with X-Concord-Signature",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"url\":\"https://example.org/concord-hook\",\"secret\":\"a-secret-of-16-chars-or-more\",\"types\":[\"AmendmentAccepted\"]}"))),
            responses = @ApiResponse(responseCode = "201", description = "Registered; deliveries start after `position`",
                    useReturnTypeSchema = true))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Registered>> register(CallerIdentity caller, @RequestBody RegisterWebhookRequest request) {
        if (caller.isAnonymous()) {
            throw ProblemException.unauthenticated("Send a token: Authorization: Bearer <token>.");
        }
        return Mono.fromCallable(() -> {
            Set<String> types = validate(request);
            if (request.consultationId() != null && !visibility.visibleTo(request.consultationId(), caller)) {
                throw ProblemException.notFound("No consultation " + request.consultationId() + " exists.");
            }
            long from = request.after() == null ? tail.head() : request.after();
            Webhook webhook = new Webhook(UUID.randomUUID().toString(), caller, request.url().trim(), request.secret(),
                    request.consultationId(), types, Instant.now(), from, 0, null, null);
            addWithinTheCap(webhook);
            return ResponseEntity.created(URI.create("/api/webhooks/" + webhook.webhookId()))
                    .body(new Registered(webhook.webhookId(), from));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(operationId = "listWebhooks", summary = "The caller's webhooks (every webhook for an administrator)")
    @GetMapping
    Mono<List<Webhook.View>> list(CallerIdentity caller) {
        caller.requireAnyRole("PARTICIPANT", "DRAFTER", "OBSERVER", "ADMIN");
        return Mono.fromCallable(() -> store.all().stream()
                        .filter(webhook -> ownedBy(webhook, caller))
                        .map(Webhook::view).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(operationId = "getWebhook", summary = "One of the caller's webhooks, with how far delivery has got")
    @GetMapping("/{webhookId}")
    Mono<Webhook.View> get(CallerIdentity caller, @PathVariable String webhookId) {
        return owned(caller, webhookId).map(Webhook::view);
    }

    @Operation(operationId = "listWebhookDeliveries", summary = "The latest deliveries to a webhook, oldest first: position, type, attempt, status, error, outcome")
    @GetMapping("/{webhookId}/deliveries")
    Mono<List<Webhook.Delivery>> deliveries(CallerIdentity caller, @PathVariable String webhookId) {
        return owned(caller, webhookId).map(webhook -> store.deliveries(webhookId));
    }

    @Operation(operationId = "removeWebhook", summary = "Stop and remove a webhook")
    @DeleteMapping("/{webhookId}")
    Mono<Map<String, String>> remove(CallerIdentity caller, @PathVariable String webhookId) {
        return owned(caller, webhookId).map(webhook -> {
            store.remove(webhookId);
            return Map.of("webhookId", webhookId, "state", "REMOVED");
        });
    }

    private Mono<Webhook> owned(CallerIdentity caller, String webhookId) {
        caller.requireAnyRole("PARTICIPANT", "DRAFTER", "OBSERVER", "ADMIN");
        return Mono.fromCallable(() -> store.find(webhookId))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .filter(webhook -> ownedBy(webhook, caller))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("No webhook " + webhookId + " of yours exists.")));
    }

    /**
     * Adds the webhook unless its owner has {@code max-per-owner} already. Counted after the insert, so that
     * two registrations at once on two query sides cannot both pass: each then sees the other and backs out.
     */
    private void addWithinTheCap(Webhook webhook) {
        String owner = webhook.owner().participantId();
        if (store.countOwnedBy(owner) >= properties.maxPerOwner()) {
            throw tooMany();
        }
        store.add(webhook);
        if (store.countOwnedBy(owner) > properties.maxPerOwner()) {
            store.remove(webhook.webhookId());
            throw tooMany();
        }
    }

    private ProblemException tooMany() {
        return ProblemException.conflict("You have " + properties.maxPerOwner() + " webhooks, as many as one participant may have; "
                + "remove one before registering another.");
    }

    private static boolean ownedBy(Webhook webhook, CallerIdentity caller) {
        return caller.hasAnyRole("ADMIN") || (caller.participantId() != null && caller.participantId().equals(webhook.owner().participantId()));
    }

    private Set<String> validate(RegisterWebhookRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.url() == null || request.url().isBlank()) {
            problems.add(new FieldProblem("url", "must not be blank"));
        } else if (request.url().length() > MAX_URL) {
            problems.add(new FieldProblem("url", "must be at most " + MAX_URL + " characters"));
        } else {
            try {
                addresses.target(request.url().trim());
            } catch (WebhookAddresses.Refused refused) {
                problems.add(new FieldProblem("url", refused.getMessage()));
            }
        }
        if (request.secret() == null || request.secret().length() < MIN_SECRET || request.secret().length() > MAX_SECRET) {
            problems.add(new FieldProblem("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters"));
        }
        Set<String> types = new LinkedHashSet<>(request.types() == null ? List.of() : request.types());
        if (types.contains(null)) {
            problems.add(new FieldProblem("types", "must hold event type names, not null"));
        } else {
            types.stream().filter(type -> !FeedTypes.ALL.contains(type)).findFirst().ifPresent(unknown ->
                    problems.add(new FieldProblem("types", "unknown event type " + unknown + "; known: " + FeedTypes.ALL)));
        }
        if (request.after() != null && request.after() < 0) {
            problems.add(new FieldProblem("after", "must not be negative"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation", "The request is not valid.", problems);
        }
        return types;
    }
}
