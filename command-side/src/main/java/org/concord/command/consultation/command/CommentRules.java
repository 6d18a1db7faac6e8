package org.concord.command.consultation.command;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.concord.command.dispatch.RuleViolationException;
import org.springframework.stereotype.Component;

/** What the consultation says about a comment about to be posted on it, without changing it. */
@Component
public class CommentRules {

    private final Repository<Consultation> consultations;

    CommentRules(Repository<Consultation> consultationRepository) {
        this.consultations = consultationRepository;
    }

    /** The round a comment would belong to; throws the rule it would break. */
    public int roundForComment(String consultationId, String provisionId, String amendmentId) {
        try {
            return consultations.load(consultationId).invoke(c -> c.roundForComment(provisionId, amendmentId));
        } catch (AggregateNotFoundException notFound) {
            throw RuleViolationException.notFound("No consultation " + consultationId + " exists.");
        }
    }
}
