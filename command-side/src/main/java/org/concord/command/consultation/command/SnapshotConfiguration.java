package org.concord.command.consultation.command;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Consultations are snapshotted every {@code concord.snapshots.consultation-every} events (default 100), and
 * only snapshots of their current shape ({@link ConsultationSnapshots#REVISION}) are read.
 */
@Configuration(proxyBeanMethods = false)
class SnapshotConfiguration {

    @Bean
    SnapshotTriggerDefinition consultationSnapshotTrigger(Snapshotter snapshotter,
                                                          @Value("${concord.snapshots.consultation-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /** Snapshots of a Consultation's older shape are passed over; the event store applies it ({@code EventStoreConfiguration}). */
    @Bean
    SnapshotFilter consultationSnapshotsOfTheCurrentShape() {
        return ConsultationSnapshots.currentShapeOnly();
    }
}
