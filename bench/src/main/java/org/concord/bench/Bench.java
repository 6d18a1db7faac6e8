package org.concord.bench;

import java.util.Arrays;

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
        } else {
            System.err.println("usage: bench event-store [--backends=h2,memory] [--axon-read-budget-seconds=30]"
                    + " [--warm-up-rounds=2] [--append-rounds=9] [--append-only] [--random-identifiers]");
            System.err.println("       bench consultation-load [--gateway=http://localhost:8080] [--amendments=1000]"
                    + " [--comments=5000] [--samples=200] [--threads=8]   (against a running ./concord up)");
            System.exit(2);
        }
    }
}
