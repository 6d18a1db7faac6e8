package org.concord.query.readmodel;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AdReferendumConfirmedEvent;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.QuerySideApplication;
import org.concord.query.consultation.query.ConsultationProjection;
import org.concord.query.progress.ProjectionProgress;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild of the read models from the event store yields exactly the read models it replaces, while
 * reads keep answering from those until it is done.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReadModelRebuildTest {

    private static final TestMongoDatabase DATABASE = MongoDbExtension.newDatabase();
    private static final java.nio.file.Path LOG_KEYS = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
            "concord-rebuild-test-" + java.util.UUID.randomUUID(), "log");
    private static final Actor DRAFTER = new Actor("drafter-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor FRANCE = new Actor("delegate-fr", "France", StakeholderType.STATE);
    private static final Actor NGO = new Actor("delegate-ngo", "Access Now", StakeholderType.NGO);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("concord.mongodb.uri", DATABASE::uri);
        properties.add("concord.internal.secret", () -> "rebuild-test-internal-secret-0123");
        // the verifiable log's key and secret in a directory of the test's own, not under the module's data/
        properties.add("concord.log.directory", () -> LOG_KEYS.toString());
    }

    @Autowired
    SequencedMongoEventStorageEngine eventStore;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    ReadModels readModels;
    @Autowired
    ReadModelRebuild rebuild;
    @Autowired
    ConsultationProjection consultations;
    @Autowired
    JsonMapper jsonMapper;

    @Test
    void a_rebuild_yields_the_read_models_it_replaces_and_reads_answer_throughout() {
        eventStore.appendEvents(history("c-1"));
        long head = eventStore.headPosition();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.hasProcessed(head));
        Map<String, List<String>> before = snapshot();
        assertThat(before.get("versions")).hasSize(6);
        assertThat(before.get("amendments")).hasSize(4);
        assertThat(before.get("brackets")).hasSize(2);
        assertThat(before.get("compromises")).hasSize(2);
        assertThat(before.get("silenceProcedures")).hasSize(2);
        assertThat(before.get("versionNegotiations")).isNotEmpty();
        assertThat(before.get("comments")).hasSize(2);
        // the latest event of c-1 is the last stored: its endorsement
        assertThat(consultations.handle(new FindConsultationQuery("c-1")).orElseThrow().position()).isEqualTo(head);

        ReadModelRebuild.RebuildStatus started = rebuild.start();

        assertThat(started.total()).isEqualTo(head);
        assertThat(consultations.handle(new FindConsultationQuery("c-1"))).isPresent();
        await().atMost(Duration.ofSeconds(60)).until(() -> rebuild.status().state() == ReadModelRebuild.RebuildStatus.State.DONE);
        assertThat(readModels.servingGeneration()).isEqualTo(started.generation());
        assertThat(readModels.rebuilding()).isFalse();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(rebuild.status().processed()).isEqualTo(head);
        assertThat(jsonMapper.valueToTree(rebuild.status()).get("positionsPerSecond").isNumber()).isTrue();
    }

    /** Every read model collection's documents, as JSON, by collection. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> documents = new TreeMap<>();
        for (String name : readModels.names()) {
            List<String> json = new ArrayList<>();
            readModels.collection(name).reading().find().sort(new Document("_id", 1)).forEach(document -> json.add(document.toJson()));
            documents.put(name, json);
        }
        return documents;
    }

    private static List<EventMessage<?>> history(String consultationId) {
        Instant at = Instant.parse("2025-02-06T09:00:00Z");
        List<Provision> text = List.of(new Provision("p1", "1", "States should regulate the sale of intrusion tools."),
                new Provision("p2", "2", "Vendors should assess human-rights risks."));
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(new GenericDomainEventMessage<>("Participant", "delegate-fr", 0, new ParticipantRegisteredEvent("delegate-fr",
                "France", StakeholderType.STATE, "FR", "Delegation of France", Set.of(Role.PARTICIPANT), "hash-fr", DRAFTER)));
        events.add(new GenericDomainEventMessage<>("Participant", "delegate-ngo", 0, new ParticipantRegisteredEvent("delegate-ngo",
                "Access Now", StakeholderType.NGO, null, "Access Now", Set.of(Role.PARTICIPANT), "hash-ngo", DRAFTER)));
        List<Object> consultation = List.of(
                new ConsultationCreatedEvent(consultationId, "Code of Practice", "Spyware", Visibility.PUBLIC, text, ConsultationStatus.DRAFT, DRAFTER, 1),
                new RoundOpenedEvent(consultationId, 1, at.plus(Duration.ofDays(7)), DRAFTER),
                new AmendmentProposedEvent(consultationId, "a-1", ChangeKind.REPLACE, "p1", 1,
                        "States should strictly regulate the sale and export of intrusion tools.", null, "Export matters", 1, FRANCE),
                new AmendmentSupportedEvent(consultationId, "a-1", NGO),
                new AmendmentProposedEvent(consultationId, "a-2", ChangeKind.DELETE, "p2", 1, null, null, "Out of scope", 1, NGO),
                new RoundClosedEvent(consultationId, 1, DRAFTER),
                new AmendmentAcceptedEvent(consultationId, "a-1", AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS, "Agreed, narrower",
                        new TextChange(ChangeKind.REPLACE, "p1", null, null, "States should regulate the sale and export of intrusion tools."), 2, DRAFTER),
                new AmendmentRejectedEvent(consultationId, "a-2", "Core commitment", DRAFTER),
                new TextBracketedEvent(consultationId, "b-1", "p1", 2, 0, 1, "States", List.of(new Alternative("alt-1", "States", List.of("France")),
                        new Alternative("alt-2", "Governments", List.of())), "who acts", DRAFTER),
                new ProvisionStatusChangedEvent(consultationId, "p1", ProvisionStatus.OPEN, ProvisionStatus.BRACKETED, "Passage bracketed", DRAFTER),
                new TextBracketedEvent(consultationId, "b-2", "p1", 2, 4, 7, "and export of", List.of(), null, DRAFTER),
                new AlternativeSupportedEvent(consultationId, "b-1", "alt-2", NGO),
                new BracketResolvedEvent(consultationId, "b-1", "p1", "alt-2", "Governments", "Broader", new TextChange(ChangeKind.REPLACE,
                        "p1", null, null, "Governments should regulate the sale and export of intrusion tools."), 3, DRAFTER),
                new AdReferendumAgreedEvent(consultationId, "p2", "France", "capital", FRANCE),
                new AdReferendumConfirmedEvent(consultationId, "p2", "France", FRANCE),
                new AmendmentProposedEvent(consultationId, "a-3", ChangeKind.REPLACE, "p2", 3, "Vendors must assess human-rights risks.",
                        null, "Stronger", 1, FRANCE),
                new AmendmentProposedEvent(consultationId, "a-4", ChangeKind.REPLACE, "p2", 3, "Vendors should assess risks yearly.",
                        null, "Regular", 1, NGO),
                new CompromiseProposedEvent(consultationId, "k-1", "p2", "Vendors must assess human-rights risks yearly.",
                        List.of("a-3", "a-4"), List.of("France", "Access Now"), at.plus(Duration.ofDays(3)), "Both", DRAFTER),
                new CompromiseConsentedEvent(consultationId, "k-1", "France", FRANCE),
                new CompromiseObjectedEvent(consultationId, "k-1", "Access Now", "Too strong", NGO),
                new CompromiseWithdrawnEvent(consultationId, "k-1", "Objection", DRAFTER),
                new CompromiseProposedEvent(consultationId, "k-2", "p2", "Vendors must assess risks yearly.",
                        List.of("a-3", "a-4"), List.of("France", "Access Now"), at.plus(Duration.ofDays(3)), null, DRAFTER),
                new CompromiseConsentedEvent(consultationId, "k-2", "France", FRANCE),
                new CompromiseConsentedEvent(consultationId, "k-2", "Access Now", NGO),
                new CompromiseAcceptedEvent(consultationId, "k-2", "p2", List.of("a-3", "a-4"), "Consensus", new TextChange(ChangeKind.REPLACE,
                        "p2", null, null, "Vendors must assess risks yearly."), 4, DRAFTER),
                new SilenceProcedureStartedEvent(consultationId, "s-1", "p2", 4, at.plus(Duration.ofDays(4)), "Europe/Paris",
                        Set.of(StakeholderType.STATE), DRAFTER),
                new SilenceBrokenEvent(consultationId, "s-1", "p2", "Instructions", FRANCE),
                new BracketResolvedEvent(consultationId, "b-2", "p1", null, "and the export of", "Clearer", new TextChange(ChangeKind.REPLACE,
                        "p1", null, null, "Governments should regulate the sale and the export of intrusion tools."), 5, DRAFTER),
                new ProvisionStatusChangedEvent(consultationId, "p1", ProvisionStatus.BRACKETED, ProvisionStatus.OPEN, "Brackets resolved", DRAFTER),
                new TextRevisedEvent(consultationId, 6, 5, "Numbering", List.of(new TextChange(ChangeKind.INSERT_AFTER, "p2", "p3", "3",
                        "States should provide remedies.")), DRAFTER),
                new SilenceProcedureStartedEvent(consultationId, "s-2", null, 6, at.plus(Duration.ofDays(5)), "Europe/Paris",
                        Set.of(StakeholderType.STATE), DRAFTER),
                new SilenceProcedureCompletedEvent(consultationId, "s-2", null, 6),
                new ConsultationAdoptedEvent(consultationId, 6, DRAFTER),
                new ConsultationEndorsedEvent(consultationId, "France", StakeholderType.STATE, "FR", FRANCE));
        for (int i = 0; i < consultation.size(); i++) {
            events.add(new GenericDomainEventMessage<>("Consultation", consultationId, i, consultation.get(i)));
            if (i == 3) {
                events.add(new GenericDomainEventMessage<>("Comment", "k-1", 0, new CommentPostedEvent("k-1", consultationId, "p1", null,
                        null, "Export controls belong here.", Attribution.ATTRIBUTED, 1, FRANCE, null)));
                events.add(new GenericDomainEventMessage<>("Comment", "k-2", 0, new CommentPostedEvent("k-2", consultationId, null, "a-1",
                        "k-1", "We agree.", Attribution.CHATHAM_HOUSE, 1, NGO, null)));
            }
        }
        return events;
    }
}
