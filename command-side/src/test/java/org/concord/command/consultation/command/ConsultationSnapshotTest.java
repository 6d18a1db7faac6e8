package org.concord.command.consultation.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.concord.eventstore.SnapshotSerializer;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsultationSnapshotTest {

    @Test
    void a_snapshot_restores_every_field_of_the_consultation() {
        Actor drafter = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
        Actor france = new Actor("fr", "France", StakeholderType.STATE);
        Consultation consultation = new Consultation();
        consultation.on(new ConsultationCreatedEvent("c-1", "Code", "S", Visibility.PUBLIC,
                List.of(new Provision("p1", "1", "One."), new Provision("p2", "2", "Two.")), ConsultationStatus.DRAFT, drafter, 1));
        consultation.on(new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), drafter));
        consultation.on(new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p1", 1, "Uno.", null, "Why", 1, france));
        consultation.on(new AmendmentSupportedEvent("c-1", "a-1", new Actor("ngo", "NGO", StakeholderType.NGO)));

        Serializer serializer = SnapshotSerializer.of(new ObjectMapper().registerModule(new JavaTimeModule()));
        SerializedObject<byte[]> snapshot = serializer.serialize(consultation, byte[].class);
        Consultation restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(consultation);
        assertThat(restored.roundForComment("p1", "a-1")).isEqualTo(1);
    }
}
