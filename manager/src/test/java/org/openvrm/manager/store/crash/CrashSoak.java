package org.openvrm.manager.store.crash;

import java.nio.file.Path;
import java.util.List;

/**
 * The crash harness for long runs, outside JUnit: {@code CrashSoak <dataDir> <seconds> [jdbcUrl with {dir}]}. Prints
 * one line per round and a summary; exits 1 if any acknowledged commit was lost. {@code -Dcrash.firstRunMillis} (1 s), {@code -Dcrash.minRunMillis}
 * and {@code -Dcrash.maxRunMillis} (1-12 s) bound how long each child runs before its kill, {@code -Dcrash.threads} (6)
 * how many threads commit.
 */
public final class CrashSoak {

    private CrashSoak() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String url = args.length > 2 ? args[2].replace("{dir}", dir.toString()) : null;
        List<CrashRounds.Round> rounds = new CrashRounds(dir, url, Long.getLong("crash.firstRunMillis", 1_000), Long.getLong("crash.minRunMillis", 1_000),
                Long.getLong("crash.maxRunMillis", 12_000), System.nanoTime())
                .run(Long.parseLong(args[1]) * 1000, CrashSoak::print);
        long acked = rounds.stream().mapToLong(CrashRounds.Round::acked).sum();
        long lost = rounds.stream().mapToLong(CrashRounds.Round::lost).sum();
        long roundsWithLoss = rounds.stream().filter(r -> r.lost() > 0).count();
        long commits = rounds.stream().mapToLong(CrashRounds.Round::commits).sum();
        long millis = rounds.stream().mapToLong(CrashRounds.Round::runMillis).sum();
        long maxFile = rounds.stream().mapToLong(CrashRounds.Round::fileBytes).max().orElse(0);
        System.out.printf("SUMMARY kills=%d acked=%d lost=%d roundsWithLoss=%d commitsPerSecond=%.1f maxFileBytes=%d%n",
                rounds.size() - 1, acked, lost, roundsWithLoss, millis == 0 ? 0.0 : commits * 1000.0 / millis,
                maxFile);
        System.exit(lost == 0 ? 0 : 1);
    }

    static void print(CrashRounds.Round r) {
        System.out.printf(
                "round %d: previous child acked %d, lost %d %s; this child %d commits in %d ms (%.0f/s), file %d B%n",
                r.round(), r.acked(), r.lost(), r.lost() > 0 ? r.sampleLost() : "", r.commits(), r.runMillis(),
                r.commitsPerSecond(), r.fileBytes());
        System.out.flush();
    }
}
