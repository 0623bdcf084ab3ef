package org.openvrm.manager.store.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store keeps every commit it acknowledged when the manager is killed with SIGKILL: {@link CrashRounds}
 * kills a child that commits on the manager's tables from 6 threads at random moments, over and over on one data
 * directory, and each next child checks that every acknowledged commit is there. The first child runs 50 s so the
 * store is past H2's retention time and reuses freed space (where the loss happens); then kills every 1-8 s, about
 * two minutes in all. With H2's own open instead of {@code EmbeddedRecovery} it failed: 8 of 12 kills lost 41 of
 * 5,799 acknowledged commits (2026-11-29); with it, 8 kills and 5,282 commits, none lost.
 * Longer runs: {@link CrashSoak} (see docs/benchmarks.md, "h2-crash").
 */
class EmbeddedStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
        long budget = Long.getLong("crash.budgetSeconds", 110) * 1000;
        CrashRounds harness = new CrashRounds(dir, null, 50_000, 1_000, 8_000, System.nanoTime());

        List<CrashRounds.Round> rounds = harness.run(budget, CrashSoak::print);

        long acked = rounds.stream().mapToLong(CrashRounds.Round::acked).sum();
        long lost = rounds.stream().mapToLong(CrashRounds.Round::lost).sum();
        long roundsWithLoss = rounds.stream().filter(r -> r.lost() > 0).count();
        System.out.printf("%d kills, %d acknowledged commits checked, %d lost in %d rounds%n",
                rounds.size() - 1, acked, lost, roundsWithLoss);
        assertThat(rounds.size() - 1).as("kills after the store reuses space").isGreaterThanOrEqualTo(5);
        assertThat(acked).as("the harness committed something").isPositive();
        assertThat(lost).as("acknowledged commits lost after SIGKILL (%d of %d kills)", roundsWithLoss,
                rounds.size() - 1).isZero();
    }
}
