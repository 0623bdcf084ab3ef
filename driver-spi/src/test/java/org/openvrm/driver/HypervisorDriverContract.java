package org.openvrm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link HypervisorDriver} must do, run against each driver by subclassing. Each test makes its own
 * domains under fresh ids and removes them afterwards, so the suite can run against a real libvirtd that also hosts
 * other domains. The rules of the newer calls are in the feature interfaces it implements ({@link SnapshotContract},
 * {@link HibernateContract}, {@link GrowDiskContract}, {@link GuestViewContract}, {@link TuningContract}), so this
 * file stays readable.
 */
public abstract class HypervisorDriverContract
        implements SnapshotContract, HibernateContract, GrowDiskContract, GuestViewContract, TuningContract {

    /** A fresh driver; a real hypervisor may already host other domains, which the suite leaves alone. */
    protected abstract HypervisorDriver newDriver();

    /** A small valid domain with the given id that this driver's host can define and start. */
    protected abstract DomainSpec specFor(String vmId);

    /** How long to wait for an event that a driver delivers asynchronously. */
    protected Duration eventTimeout() {
        return Duration.ofSeconds(10);
    }

    /** How long a started guest may take to show console text and answer through its agent. */
    protected Duration guestTimeout() {
        return Duration.ofSeconds(10);
    }

    /** How long a safe shutdown may take; a real guest needs time to act on ACPI. */
    protected long shutdownTimeoutMillis() {
        return 120_000;
    }

    private HypervisorDriver driver;
    private final List<String> made = new ArrayList<>();

    @BeforeEach
    final void openDriver() {
        driver = newDriver();
    }

    @AfterEach
    final void removeDomainsAndClose() {
        try {
            for (String vmId : made) {
                try {
                    driver.destroy(vmId, ProgressSink.NONE);
                } catch (DriverException ignored) {
                    // never defined, or already gone: nothing to stop
                }
                try {
                    driver.undefine(vmId, ProgressSink.NONE);
                } catch (DriverException ignored) {
                    // best effort; the assertion that failed the test matters more
                }
            }
        } finally {
            driver.close();
        }
    }

    @Override
    public final HypervisorDriver driver() {
        return driver;
    }

    @Override
    public final Duration eventWait() {
        return eventTimeout();
    }

    @Override
    public final Duration guestWait() {
        return guestTimeout();
    }

    /** A vmId no run has used before, removed after the test. */
    @Override
    public final String newVmId(String label) {
        String vmId = "contract-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(vmId);
        return vmId;
    }

    @Override
    public final DomainSpec defineNew(String label) {
        DomainSpec spec = specFor(newVmId(label));
        driver.define(spec, ProgressSink.NONE);
        return spec;
    }

    @Override
    public final DomainSpec startNew(String label) {
        DomainSpec spec = defineNew(label);
        driver.start(spec.vmId(), ProgressSink.NONE);
        return spec;
    }

    @Override
    public final PowerState stateOf(String vmId) {
        return driver.domain(vmId).orElseThrow(() -> new AssertionError(vmId + " is not defined")).state();
    }

    @Test
    void inventoryIsSane() {
        HostInventory inventory = driver.inventory();
        assertThat(inventory.hostname()).isNotBlank();
        assertThat(inventory.cpuModel()).isNotBlank();
        assertThat(inventory.logicalCpus())
                .isEqualTo(inventory.sockets() * inventory.coresPerSocket() * inventory.threadsPerCore());
        assertThat(inventory.numaNodes()).isLessThanOrEqualTo(inventory.logicalCpus());
        assertThat(driver.inventory()).isEqualTo(inventory);
    }

    @Test
    void pingAnswersWhileTheHypervisorIsReachable() {
        driver.ping(); // the heartbeat: no exception is the answer
    }

    @Test
    void unknownDomainIsEmpty() {
        assertThat(driver.domain(newVmId("nobody"))).isEmpty();
    }

    @Test
    void defineShowsShutoffWithTheSpecsGeneration() {
        DomainSpec spec = defineNew("define");
        DomainStatus expected = new DomainStatus(spec.vmId(), PowerState.SHUTOFF, spec.generation());
        assertThat(driver.domain(spec.vmId())).contains(expected);
        assertThat(driver.listDomains()).contains(expected);
    }

    @Test
    void defineTwiceWithTheSameSpecIsANoOp() {
        DomainSpec spec = defineNew("define-twice");
        driver.define(spec, ProgressSink.NONE);
        assertThat(driver.listDomains()).filteredOn(d -> d.vmId().equals(spec.vmId()))
                .containsExactly(new DomainStatus(spec.vmId(), PowerState.SHUTOFF, spec.generation()));
    }

    @Test
    void defineAgainWhileRunningIsANoOp() {
        // a manager resuming a half-done "create and start" task re-sends define for a domain that already runs
        DomainSpec spec = startNew("define-running");
        driver.define(spec, ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void startRunsAndStartingAgainIsANoOp() {
        DomainSpec spec = startNew("start");
        assertThat(driver.domain(spec.vmId()))
                .contains(new DomainStatus(spec.vmId(), PowerState.RUNNING, spec.generation()));
        driver.start(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void shutdownStops() {
        DomainSpec spec = startNew("shutdown");
        driver.shutdown(spec.vmId(), shutdownTimeoutMillis(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    void destroyStops() {
        DomainSpec spec = startNew("destroy");
        driver.destroy(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    void stoppingAStoppedDomainIsANoOp() {
        DomainSpec spec = defineNew("stop-stopped");
        driver.shutdown(spec.vmId(), shutdownTimeoutMillis(), ProgressSink.NONE);
        driver.destroy(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    void rebootLeavesItRunning() {
        DomainSpec spec = startNew("reboot");
        driver.reboot(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void suspendPausesAndResumeRuns() {
        DomainSpec spec = startNew("suspend");
        driver.suspend(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.PAUSED);
        driver.suspend(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.PAUSED);
        driver.resume(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
        driver.resume(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void undefineOfARunningDomainIsInvalidState() {
        DomainSpec spec = startNew("undefine-running");
        DriverException e = catchThrowableOfType(DriverException.class,
                () -> driver.undefine(spec.vmId(), ProgressSink.NONE));
        assertThat(e).as("undefine of a running domain must throw").isNotNull();
        assertThat(e.reason()).isEqualTo(DriverException.Reason.INVALID_STATE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void undefineRemovesAndUndefiningAgainIsANoOp() {
        DomainSpec spec = defineNew("undefine");
        driver.undefine(spec.vmId(), ProgressSink.NONE);
        assertThat(driver.domain(spec.vmId())).isEmpty();
        assertThat(driver.listDomains()).noneMatch(d -> d.vmId().equals(spec.vmId()));
        driver.undefine(spec.vmId(), ProgressSink.NONE);
        driver.undefine(newVmId("never-defined"), ProgressSink.NONE);
        assertThat(driver.domain(spec.vmId())).isEmpty();
    }

    /** The calls that need an existing domain. */
    protected enum Call { START, SHUTDOWN, DESTROY, REBOOT, SUSPEND, RESUME }

    protected final void invoke(Call call, String vmId, ProgressSink progress) {
        switch (call) {
            case START -> driver.start(vmId, progress);
            case SHUTDOWN -> driver.shutdown(vmId, shutdownTimeoutMillis(), progress);
            case DESTROY -> driver.destroy(vmId, progress);
            case REBOOT -> driver.reboot(vmId, progress);
            case SUSPEND -> driver.suspend(vmId, progress);
            case RESUME -> driver.resume(vmId, progress);
        }
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void callsOnAnUnknownDomainAreNotFound(Call call) {
        String vmId = newVmId("unknown");
        assertThatThrownBy(() -> invoke(call, vmId, ProgressSink.NONE))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.NOT_FOUND));
        assertThat(driver.domain(vmId)).isEmpty();
    }

    @Test
    void listenersHearEveryRequestedChange() {
        EventRecorder events = new EventRecorder();
        driver.addListener(events);
        DomainSpec spec = defineNew("events");
        String vmId = spec.vmId();
        Duration timeout = eventTimeout();

        driver.start(vmId, ProgressSink.NONE);
        assertThat(events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, timeout).status().generation())
                .isEqualTo(spec.generation());
        driver.suspend(vmId, ProgressSink.NONE);
        events.await(vmId, PowerState.PAUSED, StateChangeCause.REQUESTED, timeout);
        driver.resume(vmId, ProgressSink.NONE);
        events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, timeout);
        driver.destroy(vmId, ProgressSink.NONE);
        events.await(vmId, PowerState.SHUTOFF, StateChangeCause.REQUESTED, timeout);
        driver.start(vmId, ProgressSink.NONE);
        events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, timeout);
        driver.shutdown(vmId, shutdownTimeoutMillis(), ProgressSink.NONE);
        events.await(vmId, PowerState.SHUTOFF, StateChangeCause.REQUESTED, timeout);
    }

    @Test
    void startReportsProgressEndingAt100() {
        DomainSpec spec = defineNew("progress-start");
        ProgressRecorder progress = new ProgressRecorder();
        driver.start(spec.vmId(), progress);
        assertThat(progress.reports()).isNotEmpty().endsWith(100);
        assertThat(progress.violation()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Call.class, names = {"REBOOT", "SUSPEND", "RESUME", "SHUTDOWN", "DESTROY"})
    void everyStepReportsProgressWithin0To100NeverGoingBack(Call call) {
        DomainSpec spec = startNew("progress-" + call.name().toLowerCase());
        if (call == Call.RESUME) {
            driver.suspend(spec.vmId(), ProgressSink.NONE);
        }
        ProgressRecorder progress = new ProgressRecorder();
        invoke(call, spec.vmId(), progress);
        assertThat(progress.violation()).isNull();
        PowerState expected = switch (call) {
            case START, REBOOT, RESUME -> PowerState.RUNNING;
            case SUSPEND -> PowerState.PAUSED;
            case SHUTDOWN, DESTROY -> PowerState.SHUTOFF;
        };
        assertThat(stateOf(spec.vmId())).isEqualTo(expected);
    }
}
