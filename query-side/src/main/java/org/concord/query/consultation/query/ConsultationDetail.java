package org.concord.query.consultation.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.query.negotiation.query.SilenceView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A consultation with its current text; {@code round} is null until a first round opens.
 * {@code position} is the global position of the latest event of the consultation this answer reflects
 * (null for a read model written before it was recorded). {@code changedIn} is the version each current
 * provision last changed in. Each provision shows where its negotiation stands ({@link ProvisionView}); {@code silence}
 * is the latest silence procedure.
 */
public record ConsultationDetail(String consultationId, String title, @Nullable String summary, ConsultationStatus status,
                                 Visibility visibility, int version, @Nullable Actor proposer, @Nullable Round round,
                                 List<ProvisionView> provisions,
                                 @Schema(description = "The latest silence procedure on this consultation, running or ended; null when none")
                                 @Nullable SilenceView silence,
                                 Instant createdAt,
                                 @Schema(description = "The global position of the latest event of this consultation (of its "
                                         + "amendments and comments too) that this answer reflects: a change feed opened with "
                                         + "`?after=` it sends what happened since. Null when not known yet (read models "
                                         + "written before it was recorded, until the next event or a rebuild)",
                                         example = "1042")
                                 @Nullable Long position,
                                 @JsonIgnore Map<String, Integer> changedIn) {

    /** Whether an amendment on {@code provisionId} based on {@code baseVersion} is stale: its provision changed since, or is gone. */
    public boolean isStale(String provisionId, int baseVersion) {
        Integer changed = changedIn.get(provisionId);
        return changed == null || changed > baseVersion;
    }

    /** The current comment round. */
    public record Round(int number, Instant deadline, String status) {
    }
}
