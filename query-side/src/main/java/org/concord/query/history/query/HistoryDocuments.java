package org.concord.query.history.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.participant.Actor;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.Wording;

import java.time.Instant;
import java.util.List;

/**
 * How the history read models store texts, versions, wordings and provenance: one record per document type,
 * read and written by the MongoDB driver's record codec, each field's name written once, here (the constants
 * name those that filters, projections and updates use). Public because the codec reads them by reflection.
 */
public final class HistoryDocuments {

    /** Every {@value}th version (from version 1) stores its whole text; the others store their changes. */
    static final int CHECKPOINT_EVERY = 50;

    static final String VERSION = "version";
    static final String PROVISIONS = "provisions";
    static final String TIMES = "times";
    static final String CREATED_AT = "createdAt";
    static final String CAUSE = "cause";
    static final String ENTRIES = "entries";
    static final String LAST_VERSION = "lastVersion";
    static final String CONSULTATION_ID = "consultationId";
    static final String PROVISION_ID = "provisionId";

    private HistoryDocuments() {
    }

    /** {@code historyTexts}: a consultation's current text, and when each version was made ({@code times[v - 1]}). */
    public record StoredText(@BsonId String consultationId, @BsonProperty(VERSION) int version,
                             @BsonProperty(PROVISIONS) List<Provision> provisions, @BsonProperty(TIMES) List<Instant> times) {
    }

    /** The version a consultation's history has recorded: {@link StoredText} read without its text. */
    public record RecordedVersion(@BsonId String consultationId, @BsonProperty(VERSION) int version) {
    }

    /** When each version of a consultation was made: {@link StoredText} read for its times alone. */
    public record VersionTimes(@BsonId String consultationId, @BsonProperty(TIMES) List<Instant> times) {
    }

    /**
     * {@code versions}: one version of a consultation, its cause and its changes; a checkpoint
     * ({@link #isCheckpoint}) also holds its whole {@code text}. Id: {@link #versionId}.
     */
    public record StoredVersion(@BsonId String id, String consultationId, @BsonProperty(VERSION) int version,
                                @BsonProperty(CREATED_AT) Instant createdAt, @BsonProperty(CAUSE) Cause cause,
                                List<TextChange> changes, @Nullable List<Provision> text) {
    }

    /** A version's summary: {@link StoredVersion} read without its changes or text. */
    public record VersionHeader(@BsonId String id, @BsonProperty(VERSION) int version,
                                @BsonProperty(CREATED_AT) Instant createdAt, @BsonProperty(CAUSE) Cause cause) {
    }

    /**
     * {@code provisionHistories}: every wording a provision had, oldest first, and the last version recorded
     * (so that an event handled again adds nothing). Id: {@link #provisionKey}.
     */
    public record StoredProvisionHistory(@BsonId String id, @BsonProperty(CONSULTATION_ID) String consultationId,
                                         @BsonProperty(PROVISION_ID) String provisionId,
                                         @BsonProperty(LAST_VERSION) int lastVersion,
                                         @BsonProperty(ENTRIES) List<Wording> entries) {
    }

    /** The last version a provision's history recorded: {@link StoredProvisionHistory} read without its wordings. */
    public record LastRecorded(@BsonId String id, @BsonProperty(LAST_VERSION) int lastVersion) {
    }

    /** {@code provenance}: who wrote each span of a provision's current wording. Id: {@link #provisionKey}. */
    public record StoredProvenance(@BsonId String id, String consultationId, String provisionId, List<Provenance.Span> spans) {
    }

    /** {@code historyAmendments}: an amendment's author and proposed text, for the provenance of its acceptance. */
    public record StoredAmendmentText(@BsonId String amendmentId, Actor author, @Nullable String text) {
    }

    /**
     * {@code versionNegotiations}: the status and unresolved brackets of each provision of a version that is not
     * plainly OPEN, as they stood at the end of the version's life (or now, for the current version). A version
     * without one has every provision OPEN and unbracketed. Id: {@link #versionId}.
     */
    public record StoredVersionNegotiation(@BsonId String id, List<ProvisionNegotiation> provisions) {
    }

    /** One provision's status and unresolved brackets at a version. */
    public record ProvisionNegotiation(String provisionId, ProvisionStatus status, List<StoredBracket> brackets) {
    }

    /** A bracket: words [start, end) of the provision's wording at that version, and its alternatives. */
    public record StoredBracket(String bracketId, int start, int end, String words, @Nullable String note, List<Alternative> alternatives) {
    }

    static String versionId(String consultationId, int version) {
        return consultationId + ":" + version;
    }

    static String provisionKey(String consultationId, String provisionId) {
        return consultationId + ":" + provisionId;
    }

    static boolean isCheckpoint(int version) {
        return (version - 1) % CHECKPOINT_EVERY == 0;
    }

    static int checkpointBefore(int version) {
        return (version - 1) / CHECKPOINT_EVERY * CHECKPOINT_EVERY + 1;
    }
}
