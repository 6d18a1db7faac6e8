package org.concord.embedded;

import de.bwaldvogel.mongo.bson.Document;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A query {@code {field: {$in: [numbers]}}}, matched against a document in one set lookup. mongo-java-server's matcher
 * compares a document's value with each listed value in turn, so a lookup of n positions that finds n documents costs
 * n² comparisons (a tracking read of 1,000 positions: a million). For a number in the document and numbers in the
 * list, its answer is whether some listed value equals the document's once both are normalised (numbers as doubles,
 * but longs a double cannot hold, and no negative zero); that is what {@link #matches} answers, from a set.
 */
record NumbersIn(String field, Set<Object> normalised) {

    private static final String IN = "$in";

    /** The query as a {@code $in} of numbers on one top-level field, or null when it is anything else. */
    static NumbersIn of(Document query) {
        if (query.size() != 1) {
            return null;
        }
        String field = query.keySet().iterator().next();
        if (field.startsWith("$") || field.contains(".") || !(query.get(field) instanceof Document condition)
                || condition.size() != 1 || !(condition.get(IN) instanceof Collection<?> listed)) {
            return null;
        }
        Set<Object> normalised = new HashSet<>();
        for (Object value : listed) {
            if (!(value instanceof Number number)) {
                return null;
            }
            normalised.add(normalised(number));
        }
        return new NumbersIn(field, normalised);
    }

    /** Whether the document matches, or null when its value is not a number (an array, say) and the matcher must tell. */
    Boolean matches(Document document) {
        return document.get(field) instanceof Number number ? normalised.contains(normalised(number)) : null;
    }

    /** A number as mongo-java-server compares it (its {@code Utils.normalizeValue}). */
    static Object normalised(Number number) {
        if (number instanceof Long value && value != (long) value.doubleValue()) {
            return value;
        }
        double value = number.doubleValue();
        return value == 0.0 ? 0.0 : value;
    }
}
