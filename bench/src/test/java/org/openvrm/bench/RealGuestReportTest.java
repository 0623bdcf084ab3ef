package org.openvrm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RealGuestReportTest {

    @Test
    void statsAreNearestRankAndIgnoreMissingValues() {
        // 10 values 1..10 out of order, plus a NaN (a try that measured nothing): median = 5th, p90 = 9th
        var s = RealGuestReport.Stat.of(List.of(7.0, 3.0, Double.NaN, 10.0, 1.0, 9.0, 2.0, 8.0, 5.0, 4.0, 6.0),
                Double::doubleValue);
        assertThat(s.median()).isEqualTo(5.0);
        assertThat(s.p90()).isEqualTo(9.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(10.0);
        assertThat(RealGuestReport.Stat.of(List.<Double>of(), Double::doubleValue).median()).isNaN();
    }

    @Test
    void optionsHaveTheIssuesDefaultsAndRefuseNonsense() {
        var o = RealGuestOptions.parse(new String[0]);
        assertThat(o.rounds()).isEqualTo(10);
        assertThat(o.storm()).isEqualTo(20);
        assertThat(o.stormMemoryMb()).isEqualTo(128);
        assertThat(o.image().isAbsolute()).isTrue();
        assertThat(o.image().toString()).endsWith("/guest/out/tiny-guest.qcow2");
        assertThat(RealGuestOptions.parse(new String[] {"--storm", "0", "--event-tries", "0"}).storm()).isZero();
        assertThatThrownBy(() -> RealGuestOptions.parse(new String[] {"--rounds", "0"}))
                .hasMessageContaining("--rounds must be an integer of at least 1");
        assertThatThrownBy(() -> RealGuestOptions.parse(new String[] {"--storm-memory-mb", "32"}))
                .hasMessageContaining("at least 64");
        assertThatThrownBy(() -> RealGuestOptions.parse(new String[] {"--rounds"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RealGuestOptions.parse(new String[] {"--bogus", "1"}))
                .hasMessageContaining("unknown option --bogus");
    }
}
