package org.concord.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IndexKeyType} orders index keys exactly as H2's own {@link ObjectDataType} does: an index written by one is
 * read by the other. Keys as mongo-java-server makes them: one value or several, numbers (kept as doubles once
 * normalised), strings in and beyond ASCII, nulls, and values of different classes side by side.
 */
class IndexKeyTypeTest {

    private final ObjectDataType h2 = new ObjectDataType();
    private final IndexKeyType ours = new IndexKeyType(IndexKeyType.serialisations(1_000));

    @Property(tries = 5_000)
    void orders_two_keys_as_h2_does(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b) {
        assertThat(Integer.signum(ours.compare(a, b))).isEqualTo(Integer.signum(h2.compare(a, b)));
        assertThat(Integer.signum(ours.compare(b, a))).isEqualTo(Integer.signum(h2.compare(b, a)));
    }

    @Property(tries = 1_000)
    void orders_keys_of_one_kind_as_h2_does(@ForAll("sameKind") KeyValue[] pair) {
        assertThat(Integer.signum(ours.compare(pair[0], pair[1]))).isEqualTo(Integer.signum(h2.compare(pair[0], pair[1])));
    }

    @Property(tries = 2_000)
    void writes_a_key_as_h2_does_each_time(@ForAll("keys") KeyValue key) {
        byte[] h2s = written(h2, key);
        assertThat(written(ours, key)).isEqualTo(h2s);
        // again, from the kept serialisation, and read back by H2 as the same key
        assertThat(written(ours, key)).isEqualTo(h2s);
        assertThat(h2.read(ByteBuffer.wrap(h2s))).isEqualTo(key);
    }

    private static byte[] written(ObjectDataType type, KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, key);
        ByteBuffer bytes = buffer.getBuffer().flip();
        byte[] written = new byte[bytes.remaining()];
        bytes.get(written);
        return written;
    }

    @Example
    void positions_order_as_numbers_and_strings_by_length_first() {
        assertThat(ours.compare(new KeyValue(2.0), new KeyValue(10.0))).isNegative();
        assertThat(ours.compare(new KeyValue("b"), new KeyValue("aa"))).isNegative();
        assertThat(h2.compare(new KeyValue("b"), new KeyValue("aa"))).isNegative();
        KeyValue same = new KeyValue("a", 1.0);
        assertThat(ours.compare(same, new KeyValue("a", 1.0))).isZero();
    }

    @Provide
    Arbitrary<KeyValue> keys() {
        Arbitrary<Object> value = values();
        return Arbitraries.oneOf(
                value.map(KeyValue::new),
                value.list().ofMinSize(2).ofMaxSize(3).map(KeyValue::new));
    }

    /** Two keys of the same single-value kind, where the shortcut decides; often close to each other. */
    @Provide
    Arbitrary<KeyValue[]> sameKind() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e12, 1e12).ofScale(0).tuple2()
                        .map(t -> new KeyValue[]{new KeyValue(t.get1().doubleValue()), new KeyValue(t.get2().doubleValue())}),
                Arbitraries.longs().tuple2().map(t -> new KeyValue[]{new KeyValue(t.get1()), new KeyValue(t.get2())}),
                Arbitraries.integers().tuple2().map(t -> new KeyValue[]{new KeyValue(t.get1()), new KeyValue(t.get2())}),
                Arbitraries.strings().ascii().ofMaxLength(6).tuple2()
                        .map(t -> new KeyValue[]{new KeyValue(t.get1()), new KeyValue(t.get2())}),
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(40)
                        .map(s -> new KeyValue[]{new KeyValue(s), new KeyValue(s.substring(0, s.length() - 1) + "\u00e9")}));
    }

    private static Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE).map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.strings().ascii().ofMaxLength(12).map(Object.class::cast),
                Arbitraries.strings().all().ofMaxLength(8).map(Object.class::cast),
                Arbitraries.strings().withChars('a', 'b', '\u0000', '\u00e9', '\u4e2d', '\ud83d', '\ude00').ofMaxLength(6)
                        .map(Object.class::cast),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(Object.class::cast),
                Arbitraries.just(null));
    }

    @Example
    void a_string_beyond_65535_characters_is_left_to_h2() {
        char[] longer = new char[70_000];
        Arrays.fill(longer, 'x');
        KeyValue a = new KeyValue(new String(longer));
        KeyValue b = new KeyValue("y");
        assertThat(Integer.signum(ours.compare(a, b))).isEqualTo(Integer.signum(h2.compare(a, b)));
        assertThat(Integer.signum(ours.compare(b, a))).isEqualTo(Integer.signum(h2.compare(b, a)));
    }
}
