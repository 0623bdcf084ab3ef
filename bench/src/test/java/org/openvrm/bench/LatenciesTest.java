package org.openvrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        var latencies = new Latencies(4);
        for (int ms = 100; ms >= 1; ms--) { // out of order, and more than the initial capacity
            latencies.add(ms * 1_000_000L);
        }
        var s = latencies.summary();
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p(50)).isEqualTo(50.0);
        assertThat(s.p(99)).isEqualTo(99.0);
        assertThat(s.p(100)).isEqualTo(100.0);
        assertThat(s.max()).isEqualTo(100.0);
        assertThat(s.p(0)).isEqualTo(1.0);
    }

    @Test
    void anEmptySampleHasNoPercentiles() {
        assertThat(new Latencies(1).summary().p(50)).isNaN();
    }
}
