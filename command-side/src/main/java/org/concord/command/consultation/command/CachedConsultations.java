package org.concord.command.consultation.command;

import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.eventstore.AggregateStreams;

/**
 * Consultations kept in memory between commands: a command on one no longer reads its snapshot and the events
 * after it. Another command side may have changed a consultation since its copy here was made (the gateway sends
 * a consultation's commands to one instance, but that instance changes when one stops or starts). So each copy
 * taken from memory is checked with one lookup of the event after its version; a copy found out of date is a
 * lost race ({@link ConcurrencyException}): Axon drops it when the command rolls back, and the dispatcher handles
 * the command again on the consultation read afresh. Without this check an out-of-date copy could refuse a
 * command that fits the stored consultation, since a refusal writes nothing that could clash.
 */
final class CachedConsultations extends CachingEventSourcingRepository<Consultation> {

    private final AggregateStreams streams;

    CachedConsultations(EventSourcingRepository.Builder<Consultation> builder, AggregateStreams streams) {
        super(builder);
        this.streams = streams;
    }

    @Override
    protected void validateOnLoad(Aggregate<Consultation> aggregate, Long expectedVersion) {
        super.validateOnLoad(aggregate, expectedVersion);
        Long version = aggregate.version();
        if (version != null && streams.holdsEventAfter(aggregate.identifierAsString(), version)) {
            throw new ConcurrencyException("Consultation " + aggregate.identifierAsString()
                    + " changed elsewhere after its copy in memory was made; it is read again");
        }
    }
}
