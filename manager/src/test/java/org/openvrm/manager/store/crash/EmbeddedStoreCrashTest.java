package org.openvrm.manager.store.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store keeps every commit it acknowledged when the manager is killed with SIGKILL: {@link CrashRounds}
 * kills a child that commits on the manager's tables at random moments, over and over on one data directory, and
 * each next child checks that every acknowledged commit is there. Bounded to about two minutes here; longer runs and
 * other URLs: {@code -Dcrash.budgetSeconds=600 -Dcrash.url='jdbc:h2:file:{dir}/vrm;...'} (see docs/benchmarks.md).
 */
class EmbeddedStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
        long budget = Long.getLong("crash.budgetSeconds", 100) * 1000;
        String url = System.getProperty("crash.url");
        CrashRounds harness = new CrashRounds(dir, url == null ? null : url.replace("{dir}", dir.toString()),
                1_000, 12_000, Long.getLong("crash.seed", System.nanoTime()));

        List<CrashRounds.Round> rounds = harness.run(budget, CrashSoak::print);

        long acked = rounds.stream().mapToLong(CrashRounds.Round::acked).sum();
        long lost = rounds.stream().mapToLong(CrashRounds.Round::lost).sum();
        long roundsWithLoss = rounds.stream().filter(r -> r.lost() > 0).count();
        System.out.printf("%d kills, %d acknowledged commits checked, %d lost in %d rounds%n",
                rounds.size() - 1, acked, lost, roundsWithLoss);
        assertThat(acked).as("the harness committed something").isPositive();
        assertThat(lost).as("acknowledged commits lost after SIGKILL (%d of %d rounds)", roundsWithLoss,
                rounds.size() - 1).isZero();
    }
}
