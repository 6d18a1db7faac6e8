package org.concord.query.web;

import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.consultation.query.ProvisionView;
import org.concord.query.shared.QueryRunner;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;

/**
 * What a mocked {@link QueryRunner} answers in the query controller tests: the projections' answers to the queries a
 * test expects, and for any other query an error, so that a controller that reads what it should not fails the test.
 */
public final class ReadModelAnswers {

    public static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
    public static final Actor PROPOSER = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);

    private ReadModelAnswers() {
    }

    /** A consultation at version 2 with one provision, open for comments. */
    public static ConsultationDetail consultation(String consultationId, Visibility visibility) {
        return new ConsultationDetail(consultationId, "Ocean plastics", "A framework on plastic waste", ConsultationStatus.OPEN,
                visibility, 2, PROPOSER, new ConsultationDetail.Round(1, Instant.parse("2026-04-01T00:00:00Z"), "OPEN"),
                List.of(ProvisionView.open(new Provision("p-1", "1", "States shall reduce plastic waste."))), null, CREATED, 17L, Map.of("p-1", 2));
    }

    /** Any query not answered otherwise fails with an AssertionError, once subscribed to. */
    public static void answerNothingElse(QueryRunner queries) {
        doReturn(Mono.error(() -> new AssertionError("a query the test did not expect"))).when(queries).query(any(), any());
    }

    /** The projection answers {@code query} with {@code answer}. */
    public static void answer(QueryRunner queries, Object query, Object answer) {
        doReturn(Mono.just(answer)).when(queries).query(eq(query), any());
    }

    /** The consultation projection knows {@code consultation}. */
    public static void knownConsultation(QueryRunner queries, ConsultationDetail consultation) {
        answer(queries, new FindConsultationQuery(consultation.consultationId()), Optional.of(consultation));
    }

    /** The consultation projection knows no consultation {@code consultationId}. */
    public static void unknownConsultation(QueryRunner queries, String consultationId) {
        answer(queries, new FindConsultationQuery(consultationId), Optional.empty());
    }
}
