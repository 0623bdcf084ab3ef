package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.driver.sim.Specs.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressRecorder;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.VncEndpoint;

/** What only the simulator promises about hibernate, disk growth and the guest views; the contract has the rest. */
@Timeout(120)
class SimulatedDriverGuestTest {

    @TempDir
    Path dir;

    private SimulatedDriver open(SimHostConfig config) {
        return new SimulatedDriver(config.withStateDir(dir));
    }

    private static SimHostConfig host(long memoryMb) {
        return SimHostConfig.of("sim-guest", 4, 2000, memoryMb);
    }

    @Test
    void aHibernatedDomainHoldsNoMemoryAndItsStartNeedsItAgain() {
        try (SimulatedDriver driver = open(host(1024))) {
            driver.define(spec("a", 1024), ProgressSink.NONE);
            driver.define(spec("b", 1024), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            driver.hibernate("a", ProgressSink.NONE);
            assertThat(driver.usedMemoryMb()).isZero();
            driver.start("b", ProgressSink.NONE); // takes the memory "a" gave back
            assertThatThrownBy(() -> driver.start("a", ProgressSink.NONE))
                    .isInstanceOfSatisfying(DriverException.class,
                            e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.RESOURCE_EXHAUSTED));
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.HIBERNATED);
        }
    }

    @Test
    void hibernateAndGrowDiskTakeTheirStepDelays() {
        SimHostConfig config = host(4096).withStepDelay(Op.HIBERNATE, Duration.ofMillis(200))
                .withStepDelay(Op.GROW_DISK, Duration.ofMillis(200));
        try (SimulatedDriver driver = open(config)) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            ProgressRecorder grow = new ProgressRecorder();
            long begin = System.nanoTime();
            driver.growDisk("a", Specs.DISK_ID, 2048, grow);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(grow.reports()).startsWith(0, 10).endsWith(90, 100);
            ProgressRecorder hibernate = new ProgressRecorder();
            begin = System.nanoTime();
            driver.hibernate("a", hibernate);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(hibernate.reports()).startsWith(0, 10).endsWith(90, 100);
        }
    }

    @Test
    void aGrownDiskAndAHibernatedStateOutliveTheDriver() {
        DomainSpec spec = spec("a", 512, 5);
        try (SimulatedDriver before = open(host(4096))) {
            before.define(spec, ProgressSink.NONE);
            before.growDisk("a", Specs.DISK_ID, 3000, ProgressSink.NONE);
            before.start("a", ProgressSink.NONE);
            before.hibernate("a", ProgressSink.NONE);
        }
        try (SimulatedDriver after = open(host(4096))) {
            assertThat(after.domain("a")).contains(new DomainStatus("a", PowerState.HIBERNATED, 5));
            assertThat(after.usedMemoryMb()).isZero();
            after.start("a", ProgressSink.NONE);
            after.define(SimDisks.withDiskSize(spec, Specs.DISK_ID, 3000), ProgressSink.NONE); // equal: no-op
            assertThatThrownBy(() -> after.define(spec, ProgressSink.NONE)).isInstanceOf(DriverException.class);
        }
    }

    @Test
    void theConsoleShowsEachBootSinceTheLastStartAndOutlivesTheDriver() {
        try (SimulatedDriver before = open(host(4096))) {
            before.define(spec("a"), ProgressSink.NONE);
            before.start("a", ProgressSink.NONE);
            assertThat(before.consoleOutput("a", 4096)).isEqualTo(SimGuest.bootLines(spec("a")))
                    .contains("booting vm-a").endsWith("sim-guest: ready\n");
            before.reboot("a", ProgressSink.NONE);
            assertThat(before.consoleOutput("a", 4096)).isEqualTo(SimGuest.bootLines(spec("a")).repeat(2));
            assertThat(before.consoleOutput("a", 6)).isEqualTo("ready\n");
        }
        try (SimulatedDriver after = open(host(4096))) {
            assertThat(after.consoleOutput("a", 4096)).isEqualTo(SimGuest.bootLines(spec("a")).repeat(2));
            after.destroy("a", ProgressSink.NONE);
            assertThat(after.consoleOutput("a", 4096)).as("kept until the next start")
                    .isEqualTo(SimGuest.bootLines(spec("a")).repeat(2));
            after.start("a", ProgressSink.NONE);
            assertThat(after.consoleOutput("a", 4096)).isEqualTo(SimGuest.bootLines(spec("a")));
            after.hibernate("a", ProgressSink.NONE);
            after.start("a", ProgressSink.NONE);
            assertThat(after.consoleOutput("a", 4096)).as("a restored guest does not boot").isEmpty();
        }
    }

    @Test
    void theAgentAnswersOnlyWhileRunningWithAnAddressDerivedFromEachMac() {
        try (SimulatedDriver driver = open(host(4096))) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            assertThat(driver.guestInfo("a")).isEqualTo(new GuestInfo(true, Optional.of("vm-a"),
                    List.of(new GuestInterface("eth0", "52:54:00:00:00:01", List.of("10.0.0.1/8")))));
            driver.suspend("a", ProgressSink.NONE);
            assertThat(driver.guestInfo("a")).isEqualTo(GuestInfo.NONE);
        }
    }

    @Test
    void theVncPortIsTheSameAfterADriverRestart() {
        Optional<VncEndpoint> before;
        try (SimulatedDriver driver = open(host(4096))) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            before = driver.vnc("a");
        }
        try (SimulatedDriver driver = open(host(4096))) {
            assertThat(before).isPresent();
            assertThat(driver.vnc("a")).isEqualTo(before);
            assertThat(before.get().host()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aConsoleTailNeverSplitsACharacter() {
        assertThat(SimGuest.tail("abc", 10)).isEqualTo("abc");
        assertThat(SimGuest.tail("abc", 2)).isEqualTo("bc");
        assertThat(SimGuest.tail("xé", 2)).isEqualTo("é"); // é is two bytes
        assertThat(SimGuest.tail("xé", 1)).isEmpty(); // half of é is no character
        assertThat(SimGuest.addressOf("52:54:00:0a:ff:01")).isEqualTo("10.10.255.1/8");
    }
}
