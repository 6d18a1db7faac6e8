package org.concord.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Deadline day's faults ({@code --faults}): the query side, then the command side, then the gateway are
 * each killed with SIGKILL at a quarter, a half and three quarters of the load, and started again with
 * {@code ./concord restart}. Each fault is a row of the report's table.
 */
final class DeadlineDayFaults {

    private static final List<String> SERVICES = List.of("query-side", "command-side", "api-gateway");

    private final DeadlineDayBenchmark.Options options;

    DeadlineDayFaults(DeadlineDayBenchmark.Options options) {
        this.options = options;
    }

    /** Kills and restarts each service in turn; returns the report's rows, one per service. */
    List<String> run() {
        List<String> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < SERVICES.size(); i++) {
            long at = start + options.duration().toNanos() * (i + 1) / (SERVICES.size() + 1);
            Bench.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000));
            rows.add(killAndRestart(SERVICES.get(i), start));
        }
        return rows;
    }

    private String killAndRestart(String service, long start) {
        try {
            long pid = Long.parseLong(Files.readString(options.dataDir().resolve("run").resolve(service + ".pid")).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " is not running"));
            long killedAt = System.nanoTime();
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
            System.err.printf("deadline-day: killed %s (pid %d) with SIGKILL at %.1f s%n", service, pid, (killedAt - start) / 1e9);
            Bench.sleep(2000);
            Process restart = new ProcessBuilder(options.script().toString(), "restart", service)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            int exit = restart.waitFor();
            double down = (System.nanoTime() - killedAt) / 1e9;
            return String.format(Locale.ROOT, "| %s | %.1f s | %s |", service, (killedAt - start) / 1e9,
                    exit == 0 ? String.format(Locale.ROOT, "healthy again %.1f s after the kill", down)
                            : "**restart failed** (exit " + exit + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "| " + service + " | – | **interrupted** |";
        } catch (Exception e) {
            return "| " + service + " | – | **could not kill or restart**: " + e + " |";
        }
    }
}
