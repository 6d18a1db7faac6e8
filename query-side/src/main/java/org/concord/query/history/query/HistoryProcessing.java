package org.concord.query.history.query;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.concord.messages.consultation.ConsultationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The history processing group: the read models of a consultation's history see all of its events,
 * those of its comments too, in the order they were stored, because they are sequenced by
 * consultation rather than by aggregate (application.yml names the policy).
 */
@Configuration(proxyBeanMethods = false)
public class HistoryProcessing {

    public static final String PROCESSING_GROUP = "history";

    @Bean
    SequencingPolicy<EventMessage<?>> byConsultation() {
        return event -> event.getPayload() instanceof ConsultationEvent consultationEvent
                ? consultationEvent.consultationId()
                : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
