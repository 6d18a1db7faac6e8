package org.concord.verifier;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The canonical form RFC 8785 gives (its section 3.2.2 example), so that a re-serialised entry hashes the same. */
class CanonicalJsonTest {

    @Test
    void theRfcExampleCanonicalizes() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertThat(new String(CanonicalJson.canonicalize(input), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void keyOrderAndWhitespaceDoNotMatter() {
        assertThat(CanonicalJson.canonicalize("{ \"b\": 1, \"a\": {\"d\": [1, 2], \"c\": null} }"))
                .isEqualTo(CanonicalJson.canonicalize("{\"a\":{\"c\":null,\"d\":[1,2]},\"b\":1.0}"))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":[1,2]},\"b\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSingleValueCanonicalizesAsWithinAnObject() {
        // a committed part may be a string (an event's type) or a number (its sequence), not only an object
        assertThat(new String(CanonicalJson.canonicalize(" \"\\u20ac\\u000a\" "), StandardCharsets.UTF_8)).isEqualTo("\"€\\n\"");
        assertThat(new String(CanonicalJson.canonicalize("1E30"), StandardCharsets.UTF_8)).isEqualTo("1e+30");
        assertThat(new String(CanonicalJson.canonicalize("4.50"), StandardCharsets.UTF_8)).isEqualTo("4.5");
        assertThat(new String(CanonicalJson.canonicalize("\n7\n"), StandardCharsets.UTF_8)).isEqualTo("7");
        assertThat(new String(CanonicalJson.canonicalize("null"), StandardCharsets.UTF_8)).isEqualTo("null");
        assertThat(new String(CanonicalJson.canonicalize("false"), StandardCharsets.UTF_8)).isEqualTo("false");
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
        for (String notOneValue : new String[] {"", " ", "1,2", "\"a\"],[\"b\"", "1 2", "nul", "'a'"}) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(notOneValue)).as(notOneValue).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
