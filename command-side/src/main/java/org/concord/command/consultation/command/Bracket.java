package org.concord.command.consultation.command;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A passage of a provision in dispute, an entity of the {@link Consultation}: words [start, end) of the
 * provision's current wording, the alternatives offered for them and who supports which. The offsets
 * move when another bracket of the same provision is resolved before it; the wording cannot change
 * otherwise while the bracket stands. Supports are its own business; its resolution changes the text,
 * which the consultation decides.
 */
class Bracket {

    @EntityId
    private String bracketId;
    private String consultationId;
    private String provisionId;
    private int start;
    private int end;
    private List<Alternative> alternatives = new ArrayList<>();
    /** Participant ids supporting each alternative, by alternative id. */
    private Map<String, Set<String>> supporters = new HashMap<>();
    private boolean resolved;

    Bracket() {
        // for snapshots
    }

    Bracket(TextBracketedEvent bracketed) {
        bracketId = bracketed.bracketId();
        consultationId = bracketed.consultationId();
        provisionId = bracketed.provisionId();
        start = bracketed.start();
        end = bracketed.end();
        alternatives = new ArrayList<>(bracketed.alternatives());
        alternatives.forEach(alternative -> supporters.put(alternative.alternativeId(), new HashSet<>()));
    }

    void support(String alternativeId, Actor supporter) {
        Set<String> supporting = supportersOf(alternativeId);
        requireUnresolved("supported");
        if (supporting.contains(supporter.participantId())) {
            throw RuleViolationException.conflict("You already support " + label(alternativeId) + " of this bracket.");
        }
        apply(new AlternativeSupportedEvent(consultationId, bracketId, alternativeId, supporter));
    }

    void withdrawSupport(String alternativeId, Actor supporter) {
        Set<String> supporting = supportersOf(alternativeId);
        requireUnresolved("changed");
        if (!supporting.contains(supporter.participantId())) {
            throw RuleViolationException.conflict("You do not support " + label(alternativeId) + " of this bracket.");
        }
        apply(new AlternativeSupportWithdrawnEvent(consultationId, bracketId, alternativeId, supporter));
    }

    /** The wording of one of its alternatives, which a drafter keeps; 400 on {@code alternativeId} when it has none of that id. */
    String wordingOf(String alternativeId) {
        return alternatives.stream().filter(a -> a.alternativeId().equals(alternativeId)).findFirst()
                .map(Alternative::text)
                .orElseThrow(() -> RuleViolationException.invalid("alternativeId",
                        "No alternative " + alternativeId + " in bracket " + bracketId));
    }

    void requireUnresolved(String action) {
        if (resolved) {
            throw RuleViolationException.conflict("Bracket " + bracketId + " has been resolved; it can no longer be " + action + ".");
        }
    }

    /** Whether it stands (unresolved) in {@code provision}. */
    boolean standsIn(String provision) {
        return !resolved && provisionId.equals(provision);
    }

    boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }

    String bracketId() {
        return bracketId;
    }

    String provisionId() {
        return provisionId;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    boolean resolved() {
        return resolved;
    }

    /** Resolved: it no longer stands. Called by the consultation, which changes the text. */
    void resolve() {
        resolved = true;
    }

    /** A bracket before it in its provision was resolved and the words it stood for are now {@code by} more (or fewer). */
    void shiftAfter(int resolvedEnd, int by) {
        if (start >= resolvedEnd) {
            start += by;
            end += by;
        }
    }

    private Set<String> supportersOf(String alternativeId) {
        Set<String> supporting = supporters.get(alternativeId);
        if (supporting == null) {
            throw RuleViolationException.notFound("No alternative " + alternativeId + " in bracket " + bracketId + ".");
        }
        return supporting;
    }

    private String label(String alternativeId) {
        for (int i = 0; i < alternatives.size(); i++) {
            if (alternatives.get(i).alternativeId().equals(alternativeId)) {
                return "Alt " + (i + 1);
            }
        }
        return alternativeId;
    }

    @EventSourcingHandler
    void on(AlternativeSupportedEvent event) {
        supporters.get(event.alternativeId()).add(event.supporter().participantId());
    }

    @EventSourcingHandler
    void on(AlternativeSupportWithdrawnEvent event) {
        supporters.get(event.alternativeId()).remove(event.supporter().participantId());
    }

    /** Equal when in the same state: Axon's test fixture compares the state a command left with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Bracket that && Objects.equals(bracketId, that.bracketId)
                && Objects.equals(consultationId, that.consultationId) && Objects.equals(provisionId, that.provisionId)
                && start == that.start && end == that.end && alternatives.equals(that.alternatives)
                && supporters.equals(that.supporters) && resolved == that.resolved;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bracketId, start, end, resolved);
    }
}
