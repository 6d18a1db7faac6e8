package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

import java.util.List;

/**
 * A drafter put words [start, end) of a provision's wording in {@code version} (the current version)
 * in brackets: in dispute. With no alternatives the words themselves are bracketed ("[words]"); with 2
 * to 5 they stand for the passage ("[Alt 1: … / Alt 2: …]"). {@code words} quotes the bracketed words.
 * The provision's wording cannot change until the bracket is resolved, so the offsets stay valid.
 */
public record TextBracketedEvent(String consultationId,
                                 String bracketId,
                                 String provisionId,
                                 int version,
                                 int start,
                                 int end,
                                 String words,
                                 List<Alternative> alternatives,
                                 String note,
                                 Actor by) implements ConsultationEvent {

    public TextBracketedEvent {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
