package org.concord.command.consultation.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.concord.eventstore.SnapshotSerializer;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.SupportAmendmentCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.SupportAlternativeCommand;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consultation's snapshot restores all of it, its amendments with their ids included, and says its shape; a
 * snapshot of another shape is passed over.
 */
class ConsultationSnapshotTest {

    private static final Actor DRAFTER = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor FRANCE = new Actor("fr", "France", StakeholderType.STATE);
    private final Serializer serializer = SnapshotSerializer.of(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void a_snapshot_restores_every_field_of_the_consultation_and_of_its_amendments() {
        new AggregateTestFixture<>(Consultation.class)
                .given(new ConsultationCreatedEvent("c-1", "Code", "S", Visibility.PUBLIC,
                                List.of(new Provision("p1", "1", "One."), new Provision("p2", "2", "Two.")), ConsultationStatus.DRAFT, DRAFTER, 1),
                        new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER),
                        new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p1", 1, "Uno.", null, "Why", 1, FRANCE),
                        new AmendmentSupportedEvent("c-1", "a-1", new Actor("ngo", "NGO", StakeholderType.NGO)))
                .when(new SupportAmendmentCommand("c-1", "a-1", new Actor("jp", "Japan", StakeholderType.STATE)))
                .expectState(consultation -> {
                    SerializedObject<byte[]> snapshot = serializer.serialize(consultation, byte[].class);
                    Consultation restored = serializer.deserialize(snapshot);

                    assertThat(restored).usingRecursiveComparison().isEqualTo(consultation);
                    assertThat(restored.roundForComment("p1", "a-1")).isEqualTo(1);
                    assertThat(snapshot.getType().getRevision()).as("the snapshot says its shape")
                            .isEqualTo(ConsultationSnapshots.REVISION);
                });
    }

    @Test
    void a_snapshot_restores_the_negotiation_of_the_text() {
        Actor japan = new Actor("jp", "Japan", StakeholderType.STATE);
        Instant later = Instant.parse("2100-01-01T00:00:00Z");
        new AggregateTestFixture<>(Consultation.class)
                .given(new ConsultationCreatedEvent("c-1", "Code", "S", Visibility.PUBLIC,
                                List.of(new Provision("p1", "1", "One two three."), new Provision("p2", "2", "Two.")), ConsultationStatus.DRAFT,
                                DRAFTER, 1),
                        new RoundOpenedEvent("c-1", 1, later, DRAFTER),
                        new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p2", 1, "Deux.", null, "Why", 1, FRANCE),
                        new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE, "p2", 1, "Zwei.", null, "Why", 1, japan),
                        new CompromiseProposedEvent("c-1", "k-1", "p2", "Dos.", List.of("a-1", "a-2"), List.of("France", "Japan"), later,
                                null, DRAFTER),
                        new CompromiseConsentedEvent("c-1", "k-1", "France", FRANCE),
                        new TextBracketedEvent("c-1", "b-1", "p1", 1, 1, 2, "two",
                                List.of(new Alternative("x", "deux", List.of("France")), new Alternative("y", "zwei", List.of())), null,
                                DRAFTER),
                        new ProvisionStatusChangedEvent("c-1", "p1", ProvisionStatus.OPEN, ProvisionStatus.BRACKETED, "Passage bracketed",
                                DRAFTER),
                        new AlternativeSupportedEvent("c-1", "b-1", "x", japan),
                        new AdReferendumAgreedEvent("c-1", "p2", "Japan", null, japan),
                        new SilenceProcedureStartedEvent("c-1", "s-1", "p2", 1, later, "Europe/Paris", Set.of(StakeholderType.STATE),
                                DRAFTER))
                .when(new SupportAlternativeCommand("c-1", "b-1", "y", FRANCE))
                .expectState(consultation -> {
                    Consultation restored = serializer.deserialize(serializer.serialize(consultation, byte[].class));

                    assertThat(restored).usingRecursiveComparison().isEqualTo(consultation);
                });
    }

    @Test
    void a_snapshot_of_an_older_shape_is_passed_over_and_one_of_the_current_shape_read() {
        var onlyCurrent = ConsultationSnapshots.currentShapeOnly();

        assertThat(onlyCurrent.allow(snapshot("Consultation", null))).as("before revisions").isFalse();
        assertThat(onlyCurrent.allow(snapshot("Consultation", "1"))).isFalse();
        assertThat(onlyCurrent.allow(snapshot("Consultation", ConsultationSnapshots.REVISION))).isTrue();
        assertThat(onlyCurrent.allow(snapshot("Participant", null))).as("another aggregate's").isTrue();
    }

    private static GenericDomainEventEntry<byte[]> snapshot(String type, String revision) {
        return new GenericDomainEventEntry<>(type, "c-1", 120, "e-1", Instant.EPOCH, Consultation.class.getName(), revision,
                new byte[0], new byte[0]);
    }
}
