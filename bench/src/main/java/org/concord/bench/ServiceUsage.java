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
 * What each process {@code ./concord up} started uses, found through its pid files: its resident memory (what
 * {@code ps -o rss} shows), sampled every second and kept as the peak of each phase of a benchmark, and the CPU
 * time it used in each phase (user and system, from {@code /proc/<pid>/stat}, in Linux's 100 ticks a second).
 * Services without a pid file, or a machine without {@code /proc}, simply have no figures; a process restarted
 * within a phase (--faults) has no CPU figure for it.
 */
final class ServiceUsage implements AutoCloseable {

    private static final List<String> PROCESSES = List.of("embedded-mongo", "command-side", "query-side", "api-gateway");

    private final Path dataDir;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> peakKiBByPhase = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "service-usage");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Map<String, Long>> cpuTicksByPhase = new LinkedHashMap<>();
    private final Map<String, long[]> phaseStart = new LinkedHashMap<>();
    private volatile String phase = "start";

    ServiceUsage(Path dataDir) {
        this.dataDir = dataDir;
        readPids();
        markCpu();
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
                .sorted(Comparator.comparingInt(ServiceUsage::serviceIndex).thenComparing(Comparator.naturalOrder()))
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
        synchronized (this) {
            accountCpu();
            phase = name;
        }
        sample();
    }

    /** Adds the CPU time each process used since the phase began to the phase, and begins anew. */
    private synchronized void accountCpu() {
        Map<String, Long> used = cpuTicksByPhase.computeIfAbsent(phase, p -> new LinkedHashMap<>());
        pids.forEach((process, pid) -> {
            long[] start = phaseStart.get(process);
            long ticks = cpuTicks(pid);
            if (start != null && start[0] == pid && ticks >= start[1] && start[1] >= 0) {
                used.merge(process, ticks - start[1], Long::sum);
            }
        });
        markCpu();
    }

    private synchronized void markCpu() {
        pids.forEach((process, pid) -> phaseStart.put(process, new long[]{pid, cpuTicks(pid)}));
    }

    /** utime + stime from /proc/<pid>/stat, in clock ticks; -1 when the process is gone. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name, in parentheses, may hold spaces: count the fields after it (the 3rd is the state)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
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

    /**
     * A Markdown table: one row per process, one column per phase, the CPU seconds it used; for each phase
     * in {@code writesByPhase}, a column of the milliseconds of CPU per acknowledged write as well.
     */
    synchronized String cpuTable(Map<String, Integer> writesByPhase) {
        if (pids.isEmpty()) {
            return "No pid files of ./concord up found: CPU time not measured.\n";
        }
        List<String> phases = new ArrayList<>(cpuTicksByPhase.keySet());
        phases.remove("start");
        StringBuilder out = new StringBuilder("| process | ");
        phases.forEach(name -> {
            out.append("CPU s, ").append(name).append(" | ");
            if (writesByPhase.containsKey(name)) {
                out.append("CPU ms per write, ").append(name).append(" | ");
            }
        });
        out.append("\n|---|");
        phases.forEach(name -> out.append(writesByPhase.containsKey(name) ? "---:|---:|" : "---:|"));
        out.append('\n');
        Map<String, Long> totals = new LinkedHashMap<>();
        pids.keySet().forEach(process -> {
            out.append("| ").append(process).append(" | ");
            phases.forEach(name -> {
                Long ticks = cpuTicksByPhase.get(name).get(process);
                if (ticks != null) {
                    totals.merge(name, ticks, Long::sum);
                }
                cpuCells(out, ticks, writesByPhase.get(name), writesByPhase.containsKey(name));
            });
            out.append('\n');
        });
        out.append("| all | ");
        phases.forEach(name -> cpuCells(out, totals.get(name), writesByPhase.get(name), writesByPhase.containsKey(name)));
        return out.append('\n').toString();
    }

    private static void cpuCells(StringBuilder out, Long ticks, Integer writes, boolean perWrite) {
        out.append(ticks == null ? "–" : String.format(Locale.ROOT, "%.1f", ticks / 100.0)).append(" | ");
        if (perWrite) {
            out.append(ticks == null || writes == null || writes == 0 ? "–"
                    : String.format(Locale.ROOT, "%.1f", ticks * 10.0 / writes)).append(" | ");
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        accountCpu();
    }
}
