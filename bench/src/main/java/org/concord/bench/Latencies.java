package org.concord.bench;

import java.util.Arrays;
import java.util.Locale;

/** The response times of one kind of request, read as nearest-rank percentiles in milliseconds. */
final class Latencies {

    private final long[] sortedNanos;

    private Latencies(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    static Latencies of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    double ms(double quantile) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    double maxMs() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    /** The figure as a table cell: milliseconds with one decimal. */
    static String cell(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }
}
