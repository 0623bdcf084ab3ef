package org.openvrm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FleetOptionsTest {

    private static FleetOptions parse(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--launcher-classpath";
        all[args.length + 1] = "x.jar";
        return FleetOptions.parse(all);
    }

    @Test
    void theHostsAreSplitIntoFullFleetsAndTheRest() {
        assertThat(parse("--hosts", "10000").fleetSizes()).containsExactly(5000, 5000);
        assertThat(parse("--hosts", "12001", "--agents-per-fleet", "4000").fleetSizes())
                .containsExactly(4000, 4000, 4000, 1);
        assertThat(parse().fleetSizes()).containsExactly(2000);
    }

    @Test
    void aFleetOfNoAgentsIsRefused() {
        assertThatThrownBy(() -> parse("--agents-per-fleet", "0"))
                .hasMessageContaining("--agents-per-fleet must be a positive whole number");
    }
}
