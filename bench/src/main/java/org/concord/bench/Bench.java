package org.concord.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one named benchmark and prints its figures as Markdown; see the module's README. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (args.length > 0 && args[0].equals("event-store")) {
            System.out.println(new EventStoreBenchmark(EventStoreBenchmark.Options.parse(rest)).run());
        } else if (args.length > 0 && args[0].equals("consultation-load")) {
            System.out.println(new ConsultationLoadBenchmark(ConsultationLoadBenchmark.Options.parse(rest)).run());
        } else if (args.length > 0 && args[0].equals("read-models")) {
            System.out.println(new ReadModelsBenchmark(ReadModelsBenchmark.Options.parse(rest)).run());
        } else if (args.length > 0 && args[0].equals("feed")) {
            System.out.println(new FeedBenchmark(options(rest)).run());
        } else if (args.length > 0 && args[0].equals("workspace-forms")) {
            System.out.println(new WorkspaceFormsBenchmark(WorkspaceFormsBenchmark.Options.parse(rest)).run());
        } else if (args.length > 0 && args[0].equals("log")) {
            System.out.println(new LogBenchmark(LogBenchmark.Options.parse(rest)).run());
        } else if (args.length > 0 && args[0].equals("deadline-day")) {
            System.out.println(new DeadlineDayBenchmark(DeadlineDayBenchmark.Options.parse(rest)).run());
        } else {
            System.err.println("usage: bench event-store [--backends=h2,memory] [--axon-read-budget-seconds=30]"
                    + " [--warm-up-rounds=2] [--append-rounds=9] [--append-only] [--random-identifiers]");
            System.err.println("       bench consultation-load [--gateway=http://localhost:8080] [--amendments=1000]"
                    + " [--comments=5000] [--samples=200] [--threads=8]   (against a running ./concord up)");
            System.err.println("       bench read-models [--gateway=http://localhost:8080] [--mongodb-uri=mongodb://127.0.0.1:27017/concord]"
                    + " [--parts=reads,pages,rebuild] [--provisions=300] [--versions=2000] [--samples=500] [--warm-up=100]"
                    + " [--events=100000] [--append-threads=4] [--seed=5]"
                    + " [--pages-base=<gateway>] [--pages=text,provenance,history,timeline] [--consultation=<id>] [--page-token=...]"
                    + "   (against a running ./concord up; --parts=pages also needs web-ui)");
            System.err.println("       bench feed [--gateway=http://localhost:8080] [--subscribers=2000] [--writes=200]"
                    + " [--write-interval-ms=100]   (against a running ./concord up)");
            System.err.println("       bench deadline-day [--gateway=http://localhost:8080] [--participants=200] [--duration-seconds=60]"
                    + " [--warm-up-seconds=15] [--timeout-seconds=15] [--think-ms=0] [--direct | --direct-only [--command-side=http://127.0.0.1:8081]]"
                    + " [--faults [--concord=./concord]]"
                    + " [--replay=true] [--mongodb-uri=...]   (against a running ./concord up)");
            System.err.println("       bench log [--parts=appends,export,proofs] [--backend=h2] [--warm-up-pairs=1] [--pairs=4] [--commits=10000]"
                    + " [--events-per-commit=1] [--build-pause-ms=50] [--gateway=http://localhost:8080] [--mongodb-uri=...] [--events=1000000]"
                    + " [--export-events=100000] [--proofs=1000] [--warm-up-proofs=20000] [--query-side=<url>] [--seed=19] [--append-threads=4]"
                    + " [--verifier=verifier/target/concord-verifier.jar] [--work-dir=<tmp>]   (export and proofs against a running ./concord up)");
            System.err.println("       bench workspace-forms [--gateway=http://localhost:8080] [--delegates=200] [--duration-seconds=60]"
                    + " [--warm-up-seconds=15] [--think-ms=2000] [--provisions=20] [--baseline-samples=100]   (against a running ./concord up, web-ui included)");
            System.exit(2);
        }
    }

    /** Sleeps, keeping the thread's interrupt for the caller to see. */
    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The benchmarks' {@code --name=value} arguments by name. */
    static Map<String, String> options(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return given;
    }
}
