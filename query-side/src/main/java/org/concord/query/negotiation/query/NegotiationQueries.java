package org.concord.query.negotiation.query;

/** The reads of the negotiation's own read models (brackets, compromises, silence procedures), answered by {@link NegotiationProjection}. */
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

    /** A consultation's brackets, unresolved and resolved, in the order they were made. */
    public record FindBracketsQuery(String consultationId) {
    }

    /** One bracket of a consultation; empty when it is not one of that consultation's. */
    public record FindBracketQuery(String consultationId, String bracketId) {
    }
}
