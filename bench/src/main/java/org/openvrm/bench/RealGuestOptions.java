package org.openvrm.bench;

import java.nio.file.Path;

/** The command line of {@link RealGuestBench}. */
record RealGuestOptions(int rounds, int storm, int stormMemoryMb, int eventTries, long pollMillis, Path image,
                        Path results, String command, Path machineInfo, boolean help) {

    static final String USAGE = """
            usage: bench/run-real-guests [options]
              --rounds N            API vs virsh rounds, interleaved, after one warm-up round each (default 10)
              --storm N             guests started at once in the storm part (default 20; 0 skips it)
              --storm-memory-mb N   memory of each storm guest (default 128)
              --event-tries N       kill -9 tries and guest poweroff tries (default 5 each; 0 skips them)
              --poll-millis N       how often the API is polled while a step is timed (default 20)
              --image FILE          the base image (default guest/out/tiny-guest.qcow2)
              --results FILE        replace the real-guests section of FILE (docs/benchmarks.md)
            """;

    static RealGuestOptions parse(String[] args) {
        int rounds = 10;
        int storm = 20;
        int stormMemory = 128;
        int tries = 5;
        long poll = 20;
        Path image = Path.of("guest/out/tiny-guest.qcow2");
        Path results = null;
        String command = null;
        Path machineInfo = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return new RealGuestOptions(0, 0, 0, 0, 0, null, null, null, null, true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unknown argument " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--rounds" -> rounds = count(a, v, 1);
                case "--storm" -> storm = count(a, v, 0);
                case "--storm-memory-mb" -> stormMemory = count(a, v, 64);
                case "--event-tries" -> tries = count(a, v, 0);
                case "--poll-millis" -> poll = count(a, v, 1);
                case "--image" -> image = Path.of(v);
                case "--results" -> results = Path.of(v);
                case "--command" -> command = v;
                case "--machine-info" -> machineInfo = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new RealGuestOptions(rounds, storm, stormMemory, tries, poll, image.toAbsolutePath(), results,
                command, machineInfo, false);
    }

    private static int count(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be an integer of at least " + min + ", got '" + value
                + "'");
    }
}
