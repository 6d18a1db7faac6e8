package org.concord.query.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.log.LogEntries;
import org.concord.eventstore.log.LogEntry;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.concord.query.access.ChathamHouse;
import org.concord.query.access.ConsultationAccess;
import org.concord.verifier.Hex;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * Reads the verifiable log for its endpoints: checkpoints, proofs, entries, receipts and the export. Entries are made
 * now from the events as stored ({@link LogEntries}), so what a caller checks against the recorded leaf hash is the
 * store's present content; the parts hidden from the caller stay commitments, and those the caller may see are
 * revealed with their salts: a RESTRICTED consultation's events (payload, type, aggregate, aggregate type and
 * sequence) to its readers ({@link ConsultationAccess}), participant events to administrators, a Chatham House author
 * to drafters and the author ({@link ChathamHouse}).
 */
class LogReader {

    static final String NOT_YET_LOGGED = "not-yet-logged";
    static final String TREE_UNAVAILABLE = "log-tree-unavailable";
    static final int MAX_ENTRIES = 1000;
    static final int MAX_CHECKPOINTS = 1000;
    private static final int EXPORT_CHUNK = 500;
    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> ENTRY = new tools.jackson.core.type.TypeReference<>() {
    };

    private final RawEventLog events;
    private final LogStorage storage;
    private final LogKeys keys;
    private final LogProofs proofs;
    private final JsonMapper json;
    private final ObjectMapper storedJson = new ObjectMapper();
    private final LogEntries entries;

    LogReader(RawEventLog events, LogStorage storage, LogKeys keys, LogProofs proofs, JsonMapper json) {
        this.events = events;
        this.storage = storage;
        this.keys = keys;
        this.proofs = proofs;
        this.json = json;
        this.entries = new LogEntries(events, keys);
    }

    String publicKeyPem() {
        return keys.publicPem();
    }

    LogViews.Checkpoints checkpoints(long after, int limit) {
        long count = storage.state().checkpoints();
        long first = storage.firstCheckpointAbove(after, count);
        return new LogViews.Checkpoints(storage.checkpoints(first, Math.min(count, first + limit - 1)).stream()
                .map(LogViews.CheckpointView::of).toList());
    }

    Optional<LogViews.CheckpointView> latestCheckpoint() {
        return latest().map(LogViews.CheckpointView::of);
    }

    LogViews.InclusionProof inclusion(long position, Long treeSize) {
        requireTree();
        LogStorage.Leaf leaf = leafAt(position);
        long size;
        if (treeSize == null) {
            size = latest().orElseThrow(() -> notYetLogged(position)).treeSize();
            if (size <= leaf.leafIndex()) {
                throw notYetLogged(position);
            }
        } else {
            size = treeSize;
            long current = storage.treeSizeOfAtLeast(size);
            if (size > current) {
                throw ProblemException.invalid("treeSize", "must be at most the tree's size, " + current);
            }
            if (size <= leaf.leafIndex()) {
                throw ProblemException.invalid("treeSize", "must be more than the leaf's index, " + leaf.leafIndex());
            }
        }
        return new LogViews.InclusionProof(position, leaf.leafIndex(), size, Hex.of(leaf.hash()), Hex.of(proofs.root(size)),
                hex(proofs.inclusion(leaf.leafIndex(), size)));
    }

    LogViews.ConsistencyProof consistency(long from, long to) {
        requireTree();
        long current = storage.treeSizeOfAtLeast(to);
        if (from <= 0) {
            throw ProblemException.invalid("from", "must be more than 0");
        }
        if (to < from) {
            throw ProblemException.invalid("to", "must be at least from");
        }
        if (to > current) {
            throw ProblemException.invalid("to", "must be at most the tree's size, " + current);
        }
        return new LogViews.ConsistencyProof(from, to, Hex.of(proofs.root(from)), Hex.of(proofs.root(to)),
                hex(proofs.consistency(from, to)));
    }

    LogViews.Entries entries(long from, long to, CallerIdentity caller) {
        requireTree();
        long current = storage.treeSizeOfAtLeast(to + 1);
        if (from < 0) {
            throw ProblemException.invalid("from", "must be 0 or more");
        }
        if (to < from) {
            throw ProblemException.invalid("to", "must be at least from");
        }
        if (to - from >= MAX_ENTRIES) {
            throw ProblemException.invalid("to", "must be less than from + " + MAX_ENTRIES);
        }
        if (to >= current) {
            throw ProblemException.invalid("to", "must be less than the tree's size, " + current);
        }
        List<LogStorage.Leaf> leaves = storage.leaves(from, to);
        Map<Long, RawEventLog.StoredEvent> stored = storedAt(leaves.stream().map(LogStorage.Leaf::position).toList());
        List<LogViews.EntryView> views = new ArrayList<>(leaves.size());
        for (LogStorage.Leaf leaf : leaves) {
            Made made = made(stored.get(leaf.position()), caller);
            views.add(new LogViews.EntryView(leaf.leafIndex(), leaf.position(), made.entry(), Hex.of(leaf.hash()), made.revealed()));
        }
        return new LogViews.Entries(views);
    }

    LogViews.Receipt receipt(long position, CallerIdentity caller) {
        requireTree();
        LogStorage.Leaf leaf = leafAt(position);
        long count = storage.state().checkpoints();
        long number = storage.firstCheckpointAbove(leaf.leafIndex(), count);
        LogStorage.StoredCheckpoint checkpoint = storage.checkpoint(number).orElseThrow(() -> notYetLogged(position));
        Made made = made(storedAt(List.of(position)).get(position), caller);
        return new LogViews.Receipt(leaf.leafIndex(), position, made.entry(), Hex.of(leaf.hash()), made.revealed(),
                new LogViews.Inclusion(checkpoint.treeSize(), hex(proofs.inclusion(leaf.leafIndex(), checkpoint.treeSize()))),
                LogViews.CheckpointView.of(checkpoint));
    }

    /**
     * The whole log, one JSON line each: every checkpoint, then every position up to what the tree covers that holds
     * a leaf or an event, with the entry made now from the store and the leaf hash recorded. Read a chunk at a time as
     * the client takes them.
     */
    Flux<String> export(CallerIdentity caller) {
        return Flux.defer(() -> {
            requireTree();
            LogStorage.State state = storage.state();
            LogEntries inOrder = new LogEntries(events, keys);
            Flux<String> checkpointLines = Flux.fromStream(LongStream.rangeClosed(0, (state.checkpoints() - 1) / MAX_CHECKPOINTS)
                            .filter(chunk -> state.checkpoints() > 0).boxed())
                    .concatMapIterable(chunk -> storage.checkpoints(chunk * MAX_CHECKPOINTS + 1,
                            Math.min(state.checkpoints(), (chunk + 1) * MAX_CHECKPOINTS)))
                    .map(checkpoint -> line(LogViews.CheckpointLine.of(checkpoint)));
            Flux<String> entryLines = Flux.fromStream(LongStream.rangeClosed(0, state.coveredPosition() / EXPORT_CHUNK)
                            .filter(chunk -> state.coveredPosition() > 0).boxed())
                    .concatMapIterable(chunk -> exportChunk(chunk * EXPORT_CHUNK + 1,
                            Math.min(state.coveredPosition(), (chunk + 1) * EXPORT_CHUNK), inOrder, caller), 1);
            return Flux.concat(checkpointLines, entryLines);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private List<String> exportChunk(long from, long to, LogEntries inOrder, CallerIdentity caller) {
        if (to < from) {
            return List.of();
        }
        List<Long> positions = LongStream.rangeClosed(from, to).boxed().toList();
        Map<Long, LogStorage.Leaf> leaves = new HashMap<>();
        storage.leavesAt(positions).forEach(leaf -> leaves.put(leaf.position(), leaf));
        Map<Long, RawEventLog.StoredEvent> stored = storedAt(positions);
        TreeSet<Long> present = new TreeSet<>(leaves.keySet());
        present.addAll(stored.keySet());
        List<String> lines = new ArrayList<>(present.size());
        for (long position : present) {
            LogStorage.Leaf leaf = leaves.get(position);
            RawEventLog.StoredEvent event = stored.get(position);
            Made made = event == null ? new Made(null, List.of()) : made(inOrder.entryOf(event), caller);
            lines.add(line(new LogViews.EntryLine("entry", leaf == null ? null : leaf.leafIndex(), position, made.entry(),
                    leaf == null ? null : Hex.of(leaf.hash()), made.revealed())));
        }
        return lines;
    }

    private String line(Object value) {
        return json.writeValueAsString(value) + "\n";
    }

    private record Made(Map<String, Object> entry, List<LogViews.Reveal> revealed) {
    }

    private Made made(RawEventLog.StoredEvent event, CallerIdentity caller) {
        return event == null ? new Made(null, List.of()) : made(entries.entryOf(event), caller);
    }

    /** The entry as JSON and what of it this caller may see; a part inside another is shown only with that other. */
    private Made made(LogEntry entry, CallerIdentity caller) {
        List<LogViews.Reveal> revealed = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        for (LogEntry.HiddenPart part : entry.hidden()) {
            boolean inside = withheld.stream().anyMatch(path -> part.path().startsWith(path + "/"));
            if (!inside && entitled(part, caller)) {
                revealed.add(new LogViews.Reveal(part.path(), Hex.of(part.salt()), json.readValue(storedBytes(part.value()), Object.class)));
            } else {
                withheld.add(part.path());
            }
        }
        return new Made(json.readValue(entry.canonical(), ENTRY), revealed);
    }

    private static boolean entitled(LogEntry.HiddenPart part, CallerIdentity caller) {
        return switch (part.audience()) {
            case RESTRICTED_READERS -> ConsultationAccess.seesRestricted(caller);
            case ADMINISTRATORS -> caller.hasAnyRole("ADMIN");
            case DRAFTERS_AND_AUTHOR -> !ChathamHouse.hidesAuthor(true, part.authorParticipantId(), caller.participantId(),
                    caller.hasAnyRole("DRAFTER"));
        };
    }

    private byte[] storedBytes(com.fasterxml.jackson.databind.JsonNode value) {
        try {
            return storedJson.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always writes", e);
        }
    }

    private Map<Long, RawEventLog.StoredEvent> storedAt(List<Long> positions) {
        Map<Long, RawEventLog.StoredEvent> found = new HashMap<>();
        events.readRawEvents(positions).forEach(event -> found.put(event.position(), event));
        return found;
    }

    private LogStorage.Leaf leafAt(long position) {
        if (position <= 0) {
            throw ProblemException.invalid("position", "must be more than 0");
        }
        return storage.leafAt(position).orElseThrow(() -> ProblemException.notFound(
                "Position " + position + " holds no entry of the log (yet): no event, or one above what the log covers."));
    }

    private Optional<LogStorage.StoredCheckpoint> latest() {
        long count = storage.state().checkpoints();
        return count == 0 ? Optional.empty() : storage.checkpoint(count);
    }

    /** The tree is served only once stored in tiles and, if rebuilt from the format before them, matching its checkpoints. */
    private void requireTree() {
        storage.unservable().ifPresent(why -> {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, TREE_UNAVAILABLE, why);
        });
    }

    private static ProblemException notYetLogged(long position) {
        return new ProblemException(HttpStatus.NOT_FOUND, NOT_YET_LOGGED,
                "No signed checkpoint covers position " + position + " yet; one is made within seconds.");
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(Hex::of).toList();
    }
}
