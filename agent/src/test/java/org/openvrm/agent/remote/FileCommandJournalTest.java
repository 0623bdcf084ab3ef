package org.openvrm.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.agent.Agent;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;

class FileCommandJournalTest {

    @TempDir
    Path dir;

    private SimulatedDriver driver() {
        var c = SimHostConfig.of("h", 4, 2400, 8192);
        return new SimulatedDriver(new SimHostConfig(c.hostname(), c.cpuModel(), 1, 4, 1, 2400, 8192, 1,
                java.time.Duration.ZERO, java.util.Map.of(), Optional.of(dir.resolve("sim"))));
    }

    @Test
    void aRestartedAgentAnswersAReplayedCommandWithoutRunningItAgain() {
        var spec = new DomainSpec("vm1", "vm1", 1, 1, 1, 256, List.of(), List.of(), List.of("disk"));
        Path file = dir.resolve("commands.journal");
        try (var agent = new Agent(driver(), e -> { }, 100, new FileCommandJournal(file, 100))) {
            assertThat(agent.execute(new AgentCommand.DefineVm("c1", spec), ProgressSink.NONE))
                    .isInstanceOf(CommandOutcome.Succeeded.class);
            agent.execute(new AgentCommand.UndefineVm("c2", "vm1"), ProgressSink.NONE);
        }
        try (var restarted = new Agent(driver(), e -> { }, 100, new FileCommandJournal(file, 100))) {
            var replay = restarted.execute(new AgentCommand.DefineVm("c1", spec), ProgressSink.NONE);
            assertThat(replay).isInstanceOf(CommandOutcome.Succeeded.class);
            assertThat(restarted.domain("vm1")).as("the replay was answered, not applied").isEmpty();
            // a new id is applied
            restarted.execute(new AgentCommand.DefineVm("c3", spec), ProgressSink.NONE);
            assertThat(restarted.domain("vm1")).isPresent();
        }
    }

    @Test
    void keepsTheLastLimitOutcomesAndSurvivesATornTail() throws Exception {
        Path file = dir.resolve("j");
        var journal = new FileCommandJournal(file, 3);
        for (int i = 1; i <= 7; i++) {
            journal.finished(new CommandOutcome.Failed("c" + i, DriverException.Reason.TIMEOUT, "slow " + i));
        }
        Files.write(file, new byte[] {42, 1, 2}, StandardOpenOption.APPEND); // a record cut short by a kill
        var reread = new FileCommandJournal(file, 3).recent();
        assertThat(reread).extracting(CommandOutcome::commandId).containsExactly("c5", "c6", "c7");
        assertThat(reread.getLast()).isEqualTo(new CommandOutcome.Failed("c7", DriverException.Reason.TIMEOUT,
                "slow 7"));
    }
}
