package org.concord.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The resident memory (what {@code ps -o rss} shows) of each process {@code ./concord up} started, found
 * through its pid files, sampled every second and kept as the peak of each phase of a benchmark.
 * Services without a pid file, or a machine without {@code /proc}, simply have no figures.
 */
final class ServiceMemory implements AutoCloseable {

    private static final List<String> PROCESSES = List.of("embedded-mongo", "command-side", "query-side", "api-gateway");

    private final Path dataDir;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> peakKiBByPhase = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "service-memory");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String phase = "start";

    ServiceMemory(Path dataDir) {
        this.dataDir = dataDir;
        readPids();
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * Read again at every sample: a service restarted (./concord restart) has a new pid. Every instance of a
     * scaled-out service ({@code command-side-2}, ...) is sampled too, after the first of its service.
     */
    private void readPids() {
        List<Path> files;
        try (Stream<Path> listed = Files.list(dataDir.resolve("run"))) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".pid")).toList();
        } catch (IOException notStarted) {
            return;
        }
        files.stream()
                .map(file -> file.getFileName().toString().replaceFirst("\\.pid$", ""))
                .filter(name -> serviceIndex(name) >= 0)
                .sorted(Comparator.comparingInt(ServiceMemory::serviceIndex).thenComparing(Comparator.naturalOrder()))
                .forEach(name -> {
                    try {
                        pids.put(name, Long.parseLong(Files.readString(dataDir.resolve("run").resolve(name + ".pid")).trim()));
                    } catch (IOException | NumberFormatException stopped) {
                        // stopped meanwhile: nothing to sample
                    }
                });
    }

    /** Which of {@link #PROCESSES} an instance ({@code query-side-2}, ...) belongs to; -1 for none. */
    private static int serviceIndex(String instance) {
        for (int i = 0; i < PROCESSES.size(); i++) {
            if (instance.equals(PROCESSES.get(i)) || instance.startsWith(PROCESSES.get(i) + "-")) {
                return i;
            }
        }
        return -1;
    }

    /** Peaks from now on are counted under {@code name}. */
    void phase(String name) {
        sample();
        phase = name;
        sample();
    }

    private synchronized void sample() {
        readPids();
        Map<String, Long> peaks = peakKiBByPhase.computeIfAbsent(phase, p -> new LinkedHashMap<>());
        pids.forEach((process, pid) -> {
            long kiB = residentKiB(pid);
            if (kiB > 0) {
                peaks.merge(process, kiB, Math::max);
            }
        });
    }

    /** VmRSS from /proc, in KiB; 0 when the process is gone. */
    private static long residentKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended or /proc is not there
        }
        return 0;
    }

    /** A Markdown table: one row per process, one column per phase, the peak resident memory in MiB. */
    synchronized String table() {
        if (pids.isEmpty()) {
            return "No pid files of ./concord up found: resident memory not sampled.\n";
        }
        List<String> phases = new ArrayList<>(peakKiBByPhase.keySet());
        StringBuilder out = new StringBuilder("| process (pid) | ");
        phases.forEach(name -> out.append("peak RSS, ").append(name).append(" (MiB) | "));
        out.append("\n|---|").append("---:|".repeat(phases.size())).append('\n');
        pids.forEach((process, pid) -> {
            out.append("| ").append(process).append(" (").append(pid).append(") | ");
            phases.forEach(name -> {
                Long kiB = peakKiBByPhase.get(name).get(process);
                out.append(kiB == null ? "–" : String.format(Locale.ROOT, "%,d", kiB / 1024)).append(" | ");
            });
            out.append('\n');
        });
        return out.toString();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
