package org.concord.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import static org.concord.bench.DeadlineDayLoad.KINDS;
import static org.concord.bench.DeadlineDayLoad.LAG_SAMPLE_MILLIS;

/** Deadline day's figures as Markdown: each load phase's writes, lag and faults, and the gateway's overhead. */
final class DeadlineDayReport {

    private DeadlineDayReport() {
    }

    /** One phase: writes per kind (throughput, latency quantiles, retries), projection lag, the faults. */
    static String phase(DeadlineDayLoad load, DeadlineDayBenchmark.Options options) {
        StringBuilder out = new StringBuilder();
        boolean gateway = load.name.equals("gateway");
        String title = gateway ? "through the gateway" : "straight to the command side (signed caller header)";
        out.append("### Writes ").append(title).append(options.faults() && gateway ? ", with faults" : "").append("\n\n");
        out.append("| kind | acknowledged | writes/s | p50 ms | p95 ms | p99 ms | max ms | retried writes |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String kind : KINDS) {
            row(out, kind, load.writes(kind), load.seconds);
        }
        row(out, "all", new ArrayList<>(load.acknowledged.values()), load.seconds);
        out.append(String.format(Locale.ROOT, "%nPhase length %.1f s (load for %d s%s, then the writes in flight finished). ", load.seconds,
                options.duration().toSeconds(), load.faults.isEmpty() ? "" : " or until 5 s after the last service killed was back"));
        out.append("Attempts retried, by cause: ").append(load.retriesByCause.isEmpty() ? "none"
                : new TreeMap<>(load.retriesByCause).toString()).append(". Final errors: ").append(load.refused.size()).append(".\n");
        if (!load.lags.isEmpty()) {
            Latencies lag = Latencies.of(load.lags.stream().mapToLong(Long::longValue).toArray());
            out.append(String.format(Locale.ROOT, "%nProjection lag (write's 2xx → a `?minPosition=` read caught up, %d samples, "
                            + "one every %d ms at most; %d given up after 60 s): p50 %s ms, p95 %s ms, **p99 %s ms**, max %s ms.%n",
                    load.lags.size(), LAG_SAMPLE_MILLIS, load.lagsGivenUp.get(), Latencies.cell(lag.ms(0.5)),
                    Latencies.cell(lag.ms(0.95)), Latencies.cell(lag.ms(0.99)), Latencies.cell(lag.maxMs())));
        }
        if (!load.reads.isEmpty() || !load.readFailures.isEmpty()) {
            out.append("\n| readers' page (through the gateway) | reads | reads/s | p50 ms | p95 ms | p99 ms | max ms |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|\n");
            new TreeMap<>(load.reads).forEach((page, nanos) -> {
                Latencies read = Latencies.of(nanos.stream().mapToLong(Long::longValue).toArray());
                out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %s | %s | %s | %s |%n", page, nanos.size(), nanos.size() / load.seconds,
                        Latencies.cell(read.ms(0.5)), Latencies.cell(read.ms(0.95)), Latencies.cell(read.ms(0.99)), Latencies.cell(read.maxMs())));
            });
            out.append("\nReads failed, by cause: ").append(load.readFailures.isEmpty() ? "none" : new TreeMap<>(load.readFailures).toString())
                    .append(".\n");
        }
        if (!load.faults.isEmpty()) {
            out.append("\n| service killed (SIGKILL) | at | restarted (`./concord restart`) |\n|---|---:|---|\n");
            load.faults.forEach(line -> out.append(line).append('\n'));
        }
        return out.append('\n').toString();
    }

    /** Through the gateway against straight to the command side: throughput and latency ratios per kind. */
    static String ratios(DeadlineDayLoad gateway, DeadlineDayLoad direct) {
        StringBuilder out = new StringBuilder("### The gateway's overhead (through the gateway / straight to the command side)\n\n");
        out.append(String.format(Locale.ROOT, "Throughput: %.1f / %.1f writes/s = **%.2f**.%n%n", gateway.perSecond(), direct.perSecond(),
                gateway.perSecond() / direct.perSecond()));
        out.append("| kind | p50 ratio | p99 ratio |\n|---|---:|---:|\n");
        for (String kind : KINDS) {
            if (!gateway.writes(kind).isEmpty() && !direct.writes(kind).isEmpty()) {
                Latencies through = gateway.latencies(kind);
                Latencies straight = direct.latencies(kind);
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", kind, through.ms(0.5) / straight.ms(0.5),
                        through.ms(0.99) / straight.ms(0.99)));
            }
        }
        return out.append('\n').toString();
    }

    private static void row(StringBuilder out, String kind, List<DeadlineDayLoad.Write> writes, double seconds) {
        if (writes.isEmpty()) {
            out.append("| ").append(kind).append(" | 0 | | | | | | |\n");
            return;
        }
        Latencies latencies = Latencies.of(writes.stream().mapToLong(DeadlineDayLoad.Write::latencyNanos).toArray());
        out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %s | %s | %s | %s | %d |%n", kind, writes.size(), writes.size() / seconds,
                Latencies.cell(latencies.ms(0.5)), Latencies.cell(latencies.ms(0.95)), Latencies.cell(latencies.ms(0.99)),
                Latencies.cell(latencies.maxMs()), writes.stream().filter(w -> w.attempts() > 1).count()));
    }
}
