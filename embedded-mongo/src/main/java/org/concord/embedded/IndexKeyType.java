package org.concord.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of mongo-java-server's unique indexes on H2, ordering keys exactly as H2's default type does but at a
 * fraction of the cost.
 * <p>
 * An index key ({@link KeyValue}) is not {@link Comparable}, so H2's {@link ObjectDataType} orders two of them by
 * their Java serialisations, made afresh for both at every comparison: some twenty comparisons a lookup, two
 * serialisations each, made most of the embedded server's CPU (docs/benchmarks.md). This type orders keys of one
 * number or one short ASCII string, nearly all of Concord's, straight from their values, and otherwise makes a key's
 * serialisation once and keeps it while the key lives, keyed by identity (the keys of H2's cached pages are compared
 * again and again). The order is H2's own ({@link ObjectDataType#compareNotNull} of {@link ObjectDataType#serialize};
 * {@code IndexKeyTypeTest} checks it against H2's), so the indexes of a data file written before read the same.
 * <p>
 * A key is written to the file as H2 writes it, byte for byte, from the same kept serialisation. H2 writes a page
 * whole each time one of its keys changes, so every commit that adds a key to an index wrote every other key of that
 * page again, each serialised afresh: with each write stored at once ({@link DurableWrites}) that was the larger
 * part of the embedded server's CPU (docs/benchmarks.md). How keys are read is untouched.
 */
final class IndexKeyType extends ObjectDataType {

    private final Cache<KeyValue, byte[]> serialised;

    /** One cache of serialisations for all of a backend's indexes, bounded to {@code keptKeys} keys. */
    IndexKeyType(Cache<KeyValue, byte[]> serialised) {
        this.serialised = serialised;
    }

    /** A cache for {@link #IndexKeyType}: weak keys, compared by identity, as a key's serialisation is its own. */
    static Cache<KeyValue, byte[]> serialisations(long keptKeys) {
        return Caffeine.newBuilder().weakKeys().maximumSize(keptKeys).build();
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second) {
            if (first == second) {
                return 0;
            }
            int compared = compareSingleValues(first, second);
            // else what H2 does for two serialised objects that are not Comparable, with each serialisation made once
            return compared != UNDECIDED ? compared : compareNotNull(serialisationOf(first), serialisationOf(second));
        }
        return super.compare(a, b);
    }

    /**
     * Writes a key as H2's {@link ObjectDataType} writes a serialised object: its type (19), the length, the
     * serialisation; {@code IndexKeyTypeTest} checks the bytes against H2's.
     */
    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof KeyValue key) {
            byte[] serialisation = serialisationOf(key);
            buffer.put(SERIALIZED_OBJECT).putVarInt(serialisation.length).put(serialisation);
        } else {
            super.write(buffer, value);
        }
    }

    /** H2's type byte for a Java-serialised object ({@code ObjectDataType.TYPE_SERIALIZED_OBJECT}, not public). */
    private static final byte SERIALIZED_OBJECT = 19;

    private static final int UNDECIDED = Integer.MIN_VALUE;

    /**
     * The order of two one-value keys whose value is of the same class, decided without serialising them where that
     * is exact, else {@link #UNDECIDED}. Two such keys serialise to the same bytes but for the value's own: a number's
     * bytes are big-endian (a double's are those of {@link Double#doubleToLongBits}), so they order as unsigned
     * numbers; a string of at most 65,535 ASCII characters (none of them NUL) is written as its length in two bytes,
     * then one byte a character, so shorter strings come first and strings of one length order by character.
     * mongo-java-server keeps numbers in index keys as doubles, and Concord's keys are mostly positions and
     * identifiers, so this decides nearly every comparison.
     */
    static int compareSingleValues(KeyValue first, KeyValue second) {
        if (first.size() != 1 || second.size() != 1) {
            return UNDECIDED;
        }
        Object a = first.get(0);
        Object b = second.get(0);
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return UNDECIDED;
        }
        if (a instanceof Double x && b instanceof Double y && !x.isNaN() && !y.isNaN()) {
            return Integer.signum(Long.compareUnsigned(Double.doubleToLongBits(x), Double.doubleToLongBits(y)));
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Integer.signum(Long.compareUnsigned(x, y));
        }
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.signum(Integer.compareUnsigned(x, y));
        }
        if (a instanceof String x && b instanceof String y && isShortAscii(x) && isShortAscii(y)) {
            return x.length() != y.length() ? Integer.signum(x.length() - y.length()) : Integer.signum(x.compareTo(y));
        }
        return UNDECIDED;
    }

    private static boolean isShortAscii(String value) {
        if (value.length() > 65_535) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private byte[] serialisationOf(KeyValue key) {
        return serialised.get(key, ObjectDataType::serialize);
    }
}
