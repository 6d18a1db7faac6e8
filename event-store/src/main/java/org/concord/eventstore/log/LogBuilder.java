package org.concord.eventstore.log;

import org.concord.eventstore.RawEventLog;
import org.concord.verifier.Checkpoint;
import org.concord.verifier.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Grows the verifiable log: appends a leaf for every event below the store's safe position, in position order,
 * writes the tiles that changed ({@link LogStorage}: a few documents a batch), and signs a checkpoint of the tree at
 * least every {@code checkpointInterval} while it grows, and at the first build after it takes the lease if the tree grew since
 * the last checkpoint. One builder at a time writes, across processes: the one holding the lease in
 * {@code log_state}, which it renews while it builds and which another takes over once it has run out; a builder
 * that takes the lease reloads the tree from MongoDB, so it continues the same tree.
 */
public final class LogBuilder {

    private static final Logger log = LoggerFactory.getLogger(LogBuilder.class);

    private final RawEventLog events;
    private final LogStorage storage;
    private final LogKeys keys;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final Duration checkpointInterval;
    private final int batchSize;

    private volatile boolean holding;
    private boolean refusedKeys;
    private boolean refusedTree;
    private Instant leaseUntil = Instant.EPOCH;
    private LogEntries entries;
    private TreeFrontier tree;
    private OpenTiles open;
    private long coveredPosition;
    private long checkpoints;
    private long checkpointedSize;
    private Instant checkpointedAt;
    private boolean checkpointDue;

    public LogBuilder(RawEventLog events, LogStorage storage, LogKeys keys, Clock clock, String owner,
                      Duration lease, Duration checkpointInterval, int batchSize) {
        this.events = events;
        this.storage = storage;
        this.keys = keys;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        this.checkpointInterval = checkpointInterval;
        this.batchSize = batchSize;
    }

    /** The position the tree covers, as this builder knows it (0 while it does not hold the lease). */
    public synchronized long coveredPosition() {
        return holding ? coveredPosition : 0;
    }

    /**
     * One round: takes or renews the lease, appends every event up to the safe position and makes a checkpoint when
     * one is due. Returns whether this builder holds the lease (and so did the work).
     * <p>
     * The round ends at the first page short of a batch: the safe position as it was then. Events appended meanwhile
     * wait for the next round. A round that read on until it found nothing new chased the head while writes went on,
     * a few events a page, each page its reads of the store and its two writes, and each write a commit that appends
     * waited behind: {@code bench log} measured the appends at 0.73–0.84 of their rate without the tree then, and at
     * 0.92–0.96 with rounds that stop (docs/benchmarks.md).
     */
    public synchronized boolean build() {
        if (!renewLease()) {
            return false;
        }
        while (true) {
            long from = coveredPosition;
            RawEventLog.RawEvents page = events.readRawSafeEvents(from, batchSize);
            if (page.lastPosition() <= from) {
                break;
            }
            if (!append(page)) {
                return false;
            }
            checkpointIfDue(false);
            if (page.lastPosition() - from < batchSize) {
                break;
            }
        }
        checkpointIfDue(true);
        return holding;
    }

    /**
     * Gives the lease up, so that another process continues at once (on a clean stop). It does not wait for a round
     * under way, which may be waiting for a MongoDB that is gone; that round's writes are harmless.
     */
    public void release() {
        if (holding) {
            holding = false;
            storage.releaseLease(owner);
        }
    }

    private boolean renewLease() {
        Instant now = clock.instant();
        if (holding && now.isBefore(leaseUntil.minus(lease.dividedBy(2)))) {
            return true;
        }
        Instant until = now.plus(lease);
        if (!storage.takeLease(owner, now, until)) {
            holding = false;
            return false;
        }
        leaseUntil = until;
        if (!holding) {
            String ours = keys.fingerprint();
            String theLogs = storage.keysOfTheLog(ours);
            if (!ours.equals(theLogs) && keys.retired(theLogs) && storage.rotateKeysOfTheLog(theLogs, ours)) {
                log.info("Verifiable log: its signing key was rotated; checkpoints are signed with the new key from now on");
            } else if (!ours.equals(theLogs)) {
                if (!refusedKeys) {
                    log.error("Verifiable log: this process's signing key or commitment secret is not the one the log is "
                            + "built with, so it does not build it (its checkpoints would not verify with the published key). "
                            + "Give every query side the same concord.log.directory; to rotate the key, move the old one "
                            + "into that directory's retired/ while Concord is stopped (docs/trust.md).");
                    refusedKeys = true;
                }
                storage.releaseLease(owner);
                return false;
            }
            if (!storage.state().tiles() && !TileMigration.migrate(events, storage, keys, batchSize, this::extendLease)) {
                String refused = storage.state().refused();
                if (refused != null && !refusedTree) {
                    log.error("Verifiable log: this process does not build it: {}", refused);
                    refusedTree = true;
                }
                storage.releaseLease(owner);
                return false;
            }
            reload();
            holding = true;
        }
        return true;
    }

    /** Extends the lease while it is held, for work that takes longer than the lease (the migration to tiles). */
    private boolean extendLease() {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        if (!storage.takeLease(owner, now, until)) {
            return false;
        }
        leaseUntil = until;
        return true;
    }

    /** Reads the tree as stored: its size and covered position, its right edge and open tiles, its checkpoints. */
    private void reload() {
        LogStorage.State state = storage.state();
        tree = storage.withTree(stored -> TreeFrontier.of(state.treeSize(), stored));
        Map<Long, Integer> partial = new HashMap<>();
        OpenTiles.partialTiles(storage.tiles(), state.treeSize()).values().forEach(key -> partial.put(key, storage.tiles().width()));
        open = OpenTiles.of(storage.tiles(), state.treeSize(), storage.tiles(partial));
        coveredPosition = state.coveredPosition();
        entries = new LogEntries(events, keys.commitmentSecret());
        checkpoints = state.checkpoints();
        // a checkpoint stored by a builder that stopped before it counted it
        while (storage.checkpoint(checkpoints + 1).isPresent()) {
            checkpoints++;
        }
        checkpointedSize = checkpoints == 0 ? 0 : storage.checkpoint(checkpoints).orElseThrow().treeSize();
        // while it catches up, a checkpoint every interval; once caught up, one at once
        checkpointedAt = clock.instant();
        checkpointDue = true;
        log.info("Verifiable log: this process builds it now, from {} leaves covering position {}", tree.size(), coveredPosition);
    }

    private boolean append(RawEventLog.RawEvents page) {
        long fromSize = tree.size();
        TreeFrontier grown = tree.copy();
        OpenTiles filled = open.copy();
        for (RawEventLog.StoredEvent event : page.events()) {
            filled.add(grown.append(entries.entryOf(event).leafHash()), event.position());
        }
        storage.write(filled.takeChanged());
        Instant until = clock.instant().plus(lease);
        if (!storage.advance(owner, fromSize, grown.size(), page.lastPosition(), until)) {
            log.warn("Verifiable log: another process took over building it");
            holding = false;
            return false;
        }
        leaseUntil = until;
        tree = grown;
        open = filled;
        coveredPosition = page.lastPosition();
        return true;
    }

    private void checkpointIfDue(boolean roundDone) {
        long size = tree.size();
        if (!holding || size <= checkpointedSize) {
            return;
        }
        Instant now = clock.instant();
        boolean intervalPassed = !now.isBefore(checkpointedAt.plus(checkpointInterval));
        if (!(intervalPassed || checkpointDue && roundDone)) {
            return;
        }
        String timestamp = now.truncatedTo(ChronoUnit.MILLIS).toString();
        Checkpoint signed = keys.sign(size, Hex.of(tree.root()), timestamp);
        long number = checkpoints + 1;
        while (!storage.insertCheckpoint(new LogStorage.StoredCheckpoint(number, size, signed.rootHash(), timestamp,
                signed.signature()), now)) {
            // another builder stored a checkpoint meanwhile (it held the lease a moment ago, or holds it now): numbers
            // must keep growing with tree sizes, so this one is stored only above a smaller tree
            var taken = storage.checkpoint(number);
            if (taken.isEmpty() || taken.get().treeSize() >= size) {
                number = taken.map(LogStorage.StoredCheckpoint::number).orElse(checkpoints);
                break;
            }
            number++;
        }
        storage.countCheckpoints(number);
        checkpoints = number;
        checkpointedSize = size;
        checkpointedAt = now;
        checkpointDue = checkpointDue && !roundDone;
    }
}
