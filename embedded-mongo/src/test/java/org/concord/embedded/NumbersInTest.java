package org.concord.embedded;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link NumbersIn} answers as mongo-java-server's own matcher does, for the queries it takes. */
class NumbersInTest {

    private final DefaultQueryMatcher matcher = new DefaultQueryMatcher();

    @Property(tries = 5_000)
    void matches_as_mongo_java_servers_matcher(@ForAll("numbers") Number value, @ForAll("lists") List<Number> listed) {
        Document query = new Document("_id", new Document("$in", listed));
        Document document = new Document("_id", value).append("payload", "p");
        NumbersIn numbersIn = NumbersIn.of(query);
        assertThat(numbersIn).isNotNull();
        assertThat(numbersIn.matches(document)).isEqualTo(matcher.matches(document, query));
    }

    @Property(tries = 1_000)
    void matches_a_listed_value_of_another_class(@ForAll("numbers") Number value) {
        Document query = new Document("position", new Document("$in", List.of(value.doubleValue(), 7)));
        Document document = new Document("position", value.longValue());
        assertThat(NumbersIn.of(query).matches(document)).isEqualTo(matcher.matches(document, query));
    }

    @Example
    void leaves_every_other_query_and_value_to_the_matcher() {
        assertThat(NumbersIn.of(new Document("_id", new Document("$in", List.of(1L, "2"))))).isNull();
        assertThat(NumbersIn.of(new Document("a.b", new Document("$in", List.of(1L))))).isNull();
        assertThat(NumbersIn.of(new Document("_id", new Document("$in", List.of(1L)).append("$nin", List.of(2L))))).isNull();
        assertThat(NumbersIn.of(new Document("_id", new Document("$in", List.of(1L))).append("x", 1))).isNull();
        assertThat(NumbersIn.of(new Document("_id", new Document("$gt", 1L)))).isNull();
        assertThat(NumbersIn.of(new Document("_id", 1L))).isNull();
        NumbersIn positions = NumbersIn.of(new Document("_id", new Document("$in", List.of(1L, 2L))));
        assertThat(positions.matches(new Document("_id", List.of(1L)))).isNull();
        assertThat(positions.matches(new Document("other", 1L))).isNull();
        assertThat(positions.matches(new Document("_id", 2.0))).isTrue();
        assertThat(positions.matches(new Document("_id", 3))).isFalse();
    }

    @Provide
    Arbitrary<Number> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-50, 50).map(Number.class::cast),
                Arbitraries.integers().between(-50, 50).map(Number.class::cast),
                Arbitraries.doubles().between(-50, 50).ofScale(1).map(Number.class::cast),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Long.MAX_VALUE, Long.MAX_VALUE - 1,
                        9_007_199_254_740_993L, 9_007_199_254_740_992.0, Long.MIN_VALUE, Integer.MIN_VALUE,
                        new Decimal128(new BigDecimal("3")), new Decimal128(new BigDecimal("-0")), 3.5f).map(Number.class::cast),
                Arbitraries.longs().map(Number.class::cast));
    }

    @Provide
    Arbitrary<List<Number>> lists() {
        return numbers().list().ofMaxSize(12);
    }
}
