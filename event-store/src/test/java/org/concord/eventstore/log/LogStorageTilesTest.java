package org.concord.eventstore.log;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.concord.verifier.Merkle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's leaf is found from its position through the tiles' first positions, however the positions skip (no
 * event at a tombstone or a given-up gap), also once the tree has grown by tiles the reader had not seen; leaves are
 * read by index and by position from the tiles; a narrower tile never replaces a wider one.
 */
@ExtendWith(MongoDbExtension.class)
class LogStorageTilesTest {

    /** Tiles of 4 leaves, so that a few dozen leaves cross many tiles and two levels. */
    private static final int HEIGHT = 2;
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    private MongoClient client;
    private MongoDatabase database;
    private final List<Long> positions = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();
    private final TreeFrontier tree = TreeFrontier.empty();
    private final OpenTiles open = OpenTiles.empty(new Tiles(HEIGHT));

    @BeforeEach
    void open(TestMongoDatabase test) {
        client = MongoClients.create(test.uri());
        database = client.getDatabase(test.name());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aPositionIsFoundInItsTileAcrossGapsAndAsTheTreeGrows() {
        LogStorage writer = new LogStorage(database, HEIGHT, 100);
        LogStorage reader = new LogStorage(database, HEIGHT, 100);
        Random random = new Random(19);
        long position = 0;
        assertThat(writer.takeLease("builder", NOW, NOW.plusSeconds(10))).isTrue();

        for (int size : new int[]{10, 11, 12, 37}) {
            while (positions.size() < size) {
                // mostly the next position; sometimes a gap of up to a tile and more, once at the start
                position += random.nextInt(4) == 0 ? 1 + random.nextInt(9) : 1;
                append(position);
            }
            writer.write(open.takeChanged());
            assertThat(writer.advance("builder", writer.state().treeSize(), size, position, NOW.plusSeconds(10))).isTrue();

            Map<Long, Long> indexOf = new HashMap<>();
            for (int leaf = 0; leaf < positions.size(); leaf++) {
                indexOf.put(positions.get(leaf), (long) leaf);
            }
            for (long asked = 0; asked <= position + 5; asked++) {
                Optional<LogStorage.Leaf> found = reader.leafAt(asked);
                if (indexOf.containsKey(asked)) {
                    long leaf = indexOf.get(asked);
                    assertThat(found).as("position %d of a tree of %d", asked, size).isPresent();
                    assertThat(found.get().leafIndex()).isEqualTo(leaf);
                    assertThat(found.get().hash()).isEqualTo(hashes.get((int) leaf));
                } else {
                    assertThat(found).as("position %d, a gap, of a tree of %d", asked, size).isEmpty();
                }
            }
            assertThat(reader.leavesAt(LongStream.rangeClosed(0, position + 5).boxed().toList()))
                    .extracting(LogStorage.Leaf::position).containsExactlyElementsOf(positions);
            assertThat(reader.leaves(3, size + 10)).extracting(LogStorage.Leaf::position)
                    .containsExactlyElementsOf(positions.subList(3, size));
            byte[] root = reader.withTree(stored -> Merkle.root(stored, size));
            assertThat(root).isEqualTo(Merkle.root(hashes));
        }
    }

    @Test
    void aNarrowerCopyOfATileDoesNotReplaceAWiderOne() {
        LogStorage storage = new LogStorage(database, HEIGHT, 100);
        for (int leaf = 0; leaf < 3; leaf++) {
            append(leaf + 1);
        }
        List<Tile> narrower = open.takeChanged();
        append(4);
        append(5);
        storage.write(open.takeChanged());
        storage.write(narrower);

        LogStorage reader = new LogStorage(database, HEIGHT, 100);
        assertThat(reader.leaves(0, 10)).extracting(LogStorage.Leaf::position).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    private void append(long position) {
        byte[] hash = Merkle.leafHash(ByteBuffer.allocate(8).putLong(position).array());
        positions.add(position);
        hashes.add(hash);
        open.add(tree.append(hash), position);
    }
}
