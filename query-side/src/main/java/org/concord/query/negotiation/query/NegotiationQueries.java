package org.concord.query.negotiation.query;

/** The reads of the negotiation's own read models (compromises, silence procedures), answered by {@link NegotiationProjection}. */
public final class NegotiationQueries {

    private NegotiationQueries() {
    }

    /** A consultation's compromises, oldest first. */
    public record FindCompromisesQuery(String consultationId) {
    }

    /** One compromise of a consultation; empty when it is not one of that consultation's. */
    public record FindCompromiseQuery(String consultationId, String compromiseId) {
    }

    /** A consultation's silence procedures, oldest first. */
    public record FindSilenceProceduresQuery(String consultationId) {
    }

    /** One silence procedure of a consultation; empty when it is not one of that consultation's. */
    public record FindSilenceProcedureQuery(String consultationId, String procedureId) {
    }
}
