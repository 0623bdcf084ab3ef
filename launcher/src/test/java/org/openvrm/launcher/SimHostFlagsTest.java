package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.sim.SimHostConfig;
import picocli.CommandLine;

/**
 * The --sim-* flags both {@code vrm agent} and {@code vrm fleet} take from {@link SimHostFlags}: each command keeps
 * its own defaults and its own words in --help (as they were when each declared the flags itself), and a flag given
 * on the command line reaches the simulated host's configuration.
 */
class SimHostFlagsTest {

    /** The usage message with runs of white space folded, so a wrapped description still matches. */
    private static String help(Object command) {
        return new CommandLine(command).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    }

    @Test
    void theAgentsHelpShowsItsOwnWordsAndDefaults() {
        assertThat(help(new AgentCommandLine()))
                .contains("--sim-cpus=<simCpus> Simulated logical CPUs (default: 16).")
                .contains("--sim-mhz=<simMhz> Simulated CPU clock (default: 2400).")
                .contains("--sim-memory-mb=<simMemoryMb> Simulated memory (default: 65536).")
                .contains("--sim-step-delay-ms=<simStepDelayMillis> How long each simulated step takes "
                        + "(default: 100).");
    }

    @Test
    void theFleetsHelpShowsItsOwnWordsAndDefaults() {
        assertThat(help(new FleetCommandLine()))
                .contains("--sim-cpus=<simCpus> Simulated logical CPUs per host (default: 64).")
                .contains("--sim-mhz=<simMhz> Simulated CPU clock (default: 2400).")
                .contains("--sim-memory-mb=<simMemoryMb> Simulated memory per host (default: 262144).")
                .contains("--sim-step-delay-ms=<simStepDelayMillis> How long each simulated step takes; 0 for "
                        + "benchmarks (default: 0).");
    }

    @Test
    void eachCommandParsesToItsOwnDefaultsAndTheFlagsOverrideThem() {
        var agent = new AgentCommandLine();
        new CommandLine(agent).parseArgs("--manager", "m:1");
        SimHostConfig a = agent.sim.config("a", Path.of("/d"));
        assertThat(a.coresPerSocket()).isEqualTo(16);
        assertThat(a.memoryMb()).isEqualTo(65_536);
        assertThat(a.defaultStepDelay().toMillis()).isEqualTo(100);

        var fleet = new FleetCommandLine();
        new CommandLine(fleet).parseArgs("--manager", "m:1", "--count", "2", "--data-dir", "/f",
                "--sim-cpus", "8", "--sim-mhz", "3000", "--sim-memory-mb", "4096", "--sim-step-delay-ms", "7");
        SimHostConfig f = fleet.sim.config("f", Path.of("/f/agent-0"));
        assertThat(f.coresPerSocket()).isEqualTo(8);
        assertThat(f.mhz()).isEqualTo(3000);
        assertThat(f.memoryMb()).isEqualTo(4096);
        assertThat(f.defaultStepDelay().toMillis()).isEqualTo(7);
        assertThat(f.stateDir()).contains(Path.of("/f/agent-0/sim"));
    }
}
