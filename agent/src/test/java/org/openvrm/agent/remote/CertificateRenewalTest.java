package org.openvrm.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure "is it time to renew" rule: less than a third of the validity left; checked every tenth of it. */
class CertificateRenewalTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    record Due(String name, Duration life, Duration elapsed, boolean due) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Due> dueCases() {
        return Stream.of(
                new Due("fresh", Duration.ofDays(825), Duration.ZERO, false),
                new Due("half gone", Duration.ofDays(825), Duration.ofDays(412), false),
                // 825 d x 2/3 = 550 d: exactly a third left is not yet less than a third
                new Due("exactly a third left", Duration.ofDays(825), Duration.ofDays(550), false),
                new Due("a second past two thirds", Duration.ofDays(825), Duration.ofDays(550).plusSeconds(1), true),
                new Due("expired", Duration.ofDays(825), Duration.ofDays(900), true),
                // 33 s (30 s + 3 s backdated): due once fewer than 11 s are left, i.e. after 22 s
                new Due("short, 21 s in", Duration.ofSeconds(33), Duration.ofSeconds(21), false),
                new Due("short, 23 s in", Duration.ofSeconds(33), Duration.ofSeconds(23), true),
                new Due("before its validity starts", Duration.ofDays(1), Duration.ofHours(-1), false),
                new Due("no validity at all", Duration.ZERO, Duration.ZERO, true));
    }

    @ParameterizedTest
    @MethodSource("dueCases")
    void dueOnceLessThanAThirdIsLeft(Due c) {
        assertThat(CertificateRenewal.due(T0, T0.plus(c.life()), T0.plus(c.elapsed()))).isEqualTo(c.due());
    }

    record Period(Duration life, Duration period) {}

    static Stream<Period> periodCases() {
        return Stream.of(
                new Period(Duration.ofDays(825), Duration.ofHours(1)), // a tenth is 82.5 d: capped at an hour
                new Period(Duration.ofHours(5), Duration.ofMinutes(30)), // a tenth
                new Period(Duration.ofSeconds(33), Duration.ofMillis(3300)), // a tenth
                new Period(Duration.ofSeconds(5), Duration.ofSeconds(1))); // 0.5 s: at least a second
    }

    @ParameterizedTest
    @MethodSource("periodCases")
    void checkedAboutEveryTenthOfTheValidityWithinASecondAndAnHour(Period c) {
        assertThat(CertificateRenewal.checkPeriod(T0, T0.plus(c.life()))).isEqualTo(c.period());
    }

    @ParameterizedTest
    @MethodSource("jitterCases")
    void jitterSpreadsTheWaitOverHalfToOneAndAHalfPeriods(double random, long expectedMillis) {
        assertThat(CertificateRenewal.jittered(Duration.ofSeconds(10), random)).isEqualTo(
                Duration.ofMillis(expectedMillis));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> jitterCases() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(0.0, 5_000L),
                org.junit.jupiter.params.provider.Arguments.of(0.5, 10_000L),
                org.junit.jupiter.params.provider.Arguments.of(0.9999, 14_999L));
    }

    @org.junit.jupiter.api.Test
    void aRandomOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> CertificateRenewal.jittered(Duration.ofSeconds(1), 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
