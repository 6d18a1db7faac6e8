package org.concord.query.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.concord.eventstore.log.LogStorage;
import jakarta.annotation.Nullable;

import java.util.List;
import java.util.Map;

/** What the log's endpoints answer (docs/api.md, Verifiable log). Hashes are lowercase hex. */
final class LogViews {

    private LogViews() {
    }

    record CheckpointView(long treeSize, String rootHash, String timestamp, String signature) {
        static CheckpointView of(LogStorage.StoredCheckpoint stored) {
            return new CheckpointView(stored.treeSize(), stored.rootHash(), stored.timestamp(), stored.signature());
        }
    }

    record Checkpoints(List<CheckpointView> checkpoints) {
    }

    record InclusionProof(long position, long leafIndex, long treeSize, String leafHash, String rootHash, List<String> auditPath) {
    }

    record ConsistencyProof(long from, long to, String fromRoot, String toRoot, List<String> proof) {
    }

    /**
     * A hidden part shown to a caller entitled to it: its JSON Pointer in the entry, its salt and its value (any JSON
     * value: null for an event without aggregate type). Not marked nullable: an untyped property is already any JSON
     * value, null included, and marking it would narrow its schema to null alone.
     */
    record Reveal(String path, String salt, Object value) {
    }

    /** {@code entry} is null when the leaf's event is gone from the store. */
    record EntryView(long leafIndex, long position, @Nullable Map<String, Object> entry, String leafHash,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reveal> revealed) {
    }

    record Entries(List<EntryView> entries) {
    }

    record Inclusion(long treeSize, List<String> auditPath) {
    }

    @JsonPropertyOrder({"leafIndex", "position", "entry", "leafHash", "revealed", "inclusion", "checkpoint"})
    record Receipt(long leafIndex, long position, @Nullable Map<String, Object> entry, String leafHash,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reveal> revealed, Inclusion inclusion,
                   CheckpointView checkpoint) {
    }

    /** An export line for a checkpoint. */
    @JsonPropertyOrder({"kind", "treeSize", "rootHash", "timestamp", "signature"})
    record CheckpointLine(String kind, long treeSize, String rootHash, String timestamp, String signature) {
        static CheckpointLine of(LogStorage.StoredCheckpoint stored) {
            return new CheckpointLine("checkpoint", stored.treeSize(), stored.rootHash(), stored.timestamp(), stored.signature());
        }
    }

    /** An export line for a position: {@code leafIndex} null for an event not in the log, {@code entry} null for a leaf whose event is gone. */
    @JsonPropertyOrder({"kind", "leafIndex", "position", "entry", "leafHash", "revealed"})
    record EntryLine(String kind, @Nullable Long leafIndex, long position, @Nullable Map<String, Object> entry, @Nullable String leafHash,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reveal> revealed) {
    }
}
