package org.concord.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canonical form written straight from a JSON tree is, byte for byte, the one of the tree's text: the log's
 * leaves are hashed from the first, and every verifier recomputes them from the second.
 */
class CanonicalJsonTreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 3000)
    void aTreeCanonicalizesAsItsText(@ForAll("trees") JsonNode tree) throws Exception {
        byte[] text = JSON.writeValueAsBytes(tree);
        byte[] viaText;
        try {
            viaText = CanonicalJson.canonicalize(text);
        } catch (IllegalArgumentException refused) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(tree)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(CanonicalJson.canonicalize(tree)).as(new String(text, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(viaText);
    }

    @Property(tries = 2000)
    void aNumberParsedCanonicalizesAsItsText(@ForAll("numberTexts") String number) throws Exception {
        // the payloads the builder reads are parsed by Jackson: ints, longs, big integers and doubles, from any spelling
        JsonNode tree = JSON.readTree("[" + number + "]");
        byte[] viaText;
        try {
            viaText = CanonicalJson.canonicalize(JSON.writeValueAsBytes(tree));
        } catch (IllegalArgumentException refused) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(tree)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(CanonicalJson.canonicalize(tree)).as(number).isEqualTo(viaText);
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return Arbitraries.oneOf(scalars(), arrays(3), objects(3));
    }

    /** A value at most {@code depth} containers deep. */
    private Arbitrary<JsonNode> value(int depth) {
        return depth == 0 ? scalars() : Arbitraries.frequencyOf(Tuple.of(3, scalars()), Tuple.of(1, arrays(depth)), Tuple.of(1, objects(depth)));
    }

    private Arbitrary<JsonNode> arrays(int depth) {
        return Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4).map(elements -> {
            ArrayNode array = NODES.arrayNode();
            elements.forEach(array::add);
            return array;
        });
    }

    private Arbitrary<JsonNode> objects(int depth) {
        return Arbitraries.entries(strings(), Arbitraries.lazy(() -> value(depth - 1))).list().ofMaxSize(4).map(fields -> {
            ObjectNode object = NODES.objectNode();
            fields.forEach(field -> object.set(field.getKey(), field.getValue()));
            return object;
        });
    }

    private Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                strings().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.longs().between(-(1L << 54), 1L << 54).map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(400).negate(), BigInteger.TEN.pow(400)).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.longs().map(bits -> NODES.numberNode(Double.longBitsToDouble(bits))),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e21, 1e-7, 9007199254740993.0, Double.NaN,
                        Double.POSITIVE_INFINITY).map(NODES::numberNode),
                Arbitraries.floats().map(NODES::numberNode),
                Arbitraries.bigDecimals().map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
    }

    /** Strings of every kind of character the escapes treat apart: controls, quotes, non-ASCII, surrogate pairs and lone ones. */
    private static Arbitrary<String> strings() {
        Arbitrary<Character> kinds = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.chars().ascii()),
                Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f')),
                Tuple.of(1, Arbitraries.of('"', '\\', '/', '\u007f', '\u2028', '\u20ac', '\ufeff')),
                Tuple.of(2, Arbitraries.chars().range('\u00a0', '\ud7ff')),
                Tuple.of(1, Arbitraries.chars().range('\ud800', '\udfff')));
        Arbitrary<String> pairs = Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString);
        return Arbitraries.oneOf(kinds.map(String::valueOf), pairs).list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> numberTexts() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> integer = digits.map(d -> d.replaceFirst("^0+(?=.)", ""));
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25).optional()
                .map(f -> f.map(value -> "." + value).orElse(""));
        Arbitrary<String> exponent = Arbitraries.integers().between(-420, 420).optional()
                .map(e -> e.map(value -> (value % 2 == 0 ? "e" : "E+") + value).orElse(""));
        return net.jqwik.api.Combinators.combine(Arbitraries.of("", "-"), integer, fraction, exponent)
                .as((sign, whole, part, power) -> sign + whole + part + power.replace("E+-", "E-"));
    }

    @Property(tries = 1)
    void theRfcExampleCanonicalizesFromItsTree() throws Exception {
        JsonNode tree = JSON.readTree("""
                {"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                 "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}""");
        assertThat(new String(CanonicalJson.canonicalize(tree), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        assertThat(CanonicalJson.canonicalize(NODES.textNode("\ud83c\uddeb\ud83c\uddf7 é\u0007")))
                .isEqualTo("\"\ud83c\uddeb\ud83c\uddf7 é\\u0007\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode lone = NODES.textNode("a\ud800b\udc00");
        assertThat(CanonicalJson.canonicalize(lone)).isEqualTo(CanonicalJson.canonicalize(JSON.writeValueAsBytes(lone)))
                .isEqualTo("\"a?b?\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
