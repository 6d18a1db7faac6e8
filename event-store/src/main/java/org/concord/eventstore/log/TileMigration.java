package org.concord.eventstore.log;

import org.concord.eventstore.RawEventLog;
import org.concord.verifier.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Moves a log stored before tiles ({@code log_leaves}, {@code log_nodes}) to tiles: the tree is rebuilt from the
 * events up to the position it covered (the same events, key and commitment secret make the same leaves), its root
 * at every stored checkpoint's size is checked against that checkpoint, and only then is it served and the old
 * collections dropped. A tree that does not match is refused, loudly, and the old collections kept: the log's
 * endpoints answer 503 until an operator has looked. Checkpoints and state are kept as they are.
 */
final class TileMigration {

    private static final Logger log = LoggerFactory.getLogger(TileMigration.class);

    private TileMigration() {
    }

    /**
     * Rebuilds the tree in tiles, under the caller's lease ({@code extendLease} after each batch; false if it was
     * lost); true once the tiles are served, false when the tree was refused or the lease lost.
     */
    static boolean migrate(RawEventLog events, LogStorage storage, LogKeys keys, int batchSize, BooleanSupplier extendLease) {
        LogStorage.State state = storage.state();
        if (state.refused() != null) {
            return false;
        }
        log.info("Verifiable log: rebuilding its tree of {} leaves in tiles from the events (the format before tiles)", state.treeSize());
        Map<Long, String> signedRoots = signedRoots(storage, state);
        List<String> mismatches = new ArrayList<>();
        TreeFrontier tree = TreeFrontier.empty();
        OpenTiles open = OpenTiles.empty(storage.tiles());
        LogEntries entries = new LogEntries(events, keys.commitmentSecret());
        long covered = 0;
        while (covered < state.coveredPosition()) {
            RawEventLog.RawEvents page = events.readRawSafeEvents(covered, batchSize);
            if (page.lastPosition() <= covered) {
                break;
            }
            for (RawEventLog.StoredEvent event : page.events()) {
                if (event.position() > state.coveredPosition()) {
                    break;
                }
                open.add(tree.append(entries.entryOf(event).leafHash()), event.position());
                String signed = signedRoots.remove(tree.size());
                if (signed != null && !signed.equals(Hex.of(tree.root()))) {
                    mismatches.add("the checkpoint of " + tree.size() + " leaves signed " + signed + ", the events make " + Hex.of(tree.root()));
                }
            }
            storage.write(open.takeChanged());
            if (!extendLease.getAsBoolean()) {
                log.warn("Verifiable log: another process took over rebuilding it in tiles");
                return false;
            }
            covered = Math.min(page.lastPosition(), state.coveredPosition());
        }
        if (tree.size() != state.treeSize()) {
            mismatches.add("the tree had " + state.treeSize() + " leaves up to position " + state.coveredPosition()
                    + ", the events there make " + tree.size());
        }
        signedRoots.keySet().forEach(size -> mismatches.add("no tree of " + size + " leaves, the size of a signed checkpoint, was rebuilt"));
        if (!mismatches.isEmpty()) {
            String why = "The log's tree rebuilt in tiles from the events does not match its signed checkpoints, so it is not "
                    + "served: " + String.join("; ", mismatches.subList(0, Math.min(5, mismatches.size())))
                    + (mismatches.size() > 5 ? "; and " + (mismatches.size() - 5) + " more" : "")
                    + ". The events, or the commitment secret in concord.log.directory, are not those the log was built from; "
                    + "log_leaves and log_nodes are kept (docs/trust.md).";
            storage.refuseTiles(why);
            log.error("Verifiable log: {}", why);
            return false;
        }
        storage.tilesBuilt();
        log.info("Verifiable log: its tree of {} leaves is stored in tiles, matching its {} signed checkpoints; log_leaves and "
                + "log_nodes dropped", tree.size(), state.checkpoints());
        return true;
    }

    /** The root hash of every stored checkpoint, by tree size. */
    private static Map<Long, String> signedRoots(LogStorage storage, LogStorage.State state) {
        Map<Long, String> roots = new HashMap<>();
        long count = state.checkpoints();
        while (storage.checkpoint(count + 1).isPresent()) {
            count++;
        }
        for (long from = 1; from <= count; from += 1000) {
            storage.checkpoints(from, Math.min(count, from + 999)).forEach(checkpoint -> roots.put(checkpoint.treeSize(), checkpoint.rootHash()));
        }
        return roots;
    }
}
