package org.openvrm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the snapshot calls, part of the driver contract. */
public interface SnapshotContract extends ContractFixture {

    private List<String> snapshotIds(String vmId) {
        return driver().snapshots(vmId).stream().map(SnapshotInfo::snapshotId).toList();
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        ContractFixture.assertReason(DriverException.Reason.NOT_FOUND, call);
    }

    @Test
    default void snapshotOfAStoppedDomainIsListedAndRevertLeavesItStopped() {
        DomainSpec spec = defineNew("snap-stopped");
        String vmId = spec.vmId();
        assertThat(driver().snapshots(vmId)).isEmpty();
        ProgressRecorder progress = new ProgressRecorder();
        driver().snapshot(vmId, "s1", progress);
        assertThat(progress.reports()).isNotEmpty().endsWith(100);
        assertThat(progress.violation()).isNull();
        assertThat(driver().snapshots(vmId)).singleElement().satisfies(s -> {
            assertThat(s.snapshotId()).isEqualTo("s1");
            assertThat(s.stateAtSnapshot()).isEqualTo(PowerState.SHUTOFF);
        });
        assertThat(stateOf(vmId)).isEqualTo(PowerState.SHUTOFF);

        driver().start(vmId, ProgressSink.NONE);
        driver().revertToSnapshot(vmId, "s1", ProgressSink.NONE);
        assertThat(driver().domain(vmId)).contains(new DomainStatus(vmId, PowerState.SHUTOFF, spec.generation()));
        assertThat(snapshotIds(vmId)).containsExactly("s1");
    }

    @Test
    default void snapshotOfARunningDomainKeepsItRunningAndRevertStartsItAgain() {
        EventRecorder events = new EventRecorder();
        driver().addListener(events);
        DomainSpec spec = startNew("snap-running");
        String vmId = spec.vmId();
        driver().snapshot(vmId, "running", ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.RUNNING);
        assertThat(driver().snapshots(vmId)).singleElement()
                .satisfies(s -> assertThat(s.stateAtSnapshot()).isEqualTo(PowerState.RUNNING));

        driver().destroy(vmId, ProgressSink.NONE);
        events.await(vmId, PowerState.SHUTOFF, StateChangeCause.REQUESTED, eventWait());
        ProgressRecorder progress = new ProgressRecorder();
        driver().revertToSnapshot(vmId, "running", progress);
        assertThat(progress.reports()).isNotEmpty().endsWith(100);
        assertThat(progress.violation()).isNull();
        assertThat(stateOf(vmId)).isEqualTo(PowerState.RUNNING);
        events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, eventWait());
        // and a stopped snapshot of the same domain takes it back down
        driver().destroy(vmId, ProgressSink.NONE);
        driver().snapshot(vmId, "stopped", ProgressSink.NONE);
        driver().start(vmId, ProgressSink.NONE);
        driver().revertToSnapshot(vmId, "stopped", ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.SHUTOFF);
        assertThat(snapshotIds(vmId)).containsExactly("running", "stopped");
    }

    @Test
    default void snapshotOfAPausedDomainRevertsToPaused() {
        DomainSpec spec = startNew("snap-paused");
        String vmId = spec.vmId();
        driver().suspend(vmId, ProgressSink.NONE);
        driver().snapshot(vmId, "paused", ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.PAUSED);
        driver().destroy(vmId, ProgressSink.NONE);
        driver().revertToSnapshot(vmId, "paused", ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.PAUSED);
        driver().resume(vmId, ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.RUNNING);
    }

    @Test
    default void snapshotAgainIsANoOpAndDeleteIsIdempotent() {
        DomainSpec spec = defineNew("snap-idem");
        String vmId = spec.vmId();
        driver().snapshot(vmId, "a", ProgressSink.NONE);
        driver().snapshot(vmId, "b", ProgressSink.NONE);
        driver().snapshot(vmId, "a", ProgressSink.NONE);
        assertThat(snapshotIds(vmId)).containsExactly("a", "b");

        driver().deleteSnapshot(vmId, "a", ProgressSink.NONE);
        assertThat(snapshotIds(vmId)).containsExactly("b");
        driver().deleteSnapshot(vmId, "a", ProgressSink.NONE);
        driver().deleteSnapshot(vmId, "never-taken", ProgressSink.NONE);
        assertThat(snapshotIds(vmId)).containsExactly("b");
        assertThat(stateOf(vmId)).isEqualTo(PowerState.SHUTOFF);
        assertNotFound(() -> driver().revertToSnapshot(vmId, "a", ProgressSink.NONE));
    }

    @Test
    default void undefineRemovesTheSnapshots() {
        DomainSpec spec = defineNew("snap-undefine");
        driver().snapshot(spec.vmId(), "s1", ProgressSink.NONE);
        driver().undefine(spec.vmId(), ProgressSink.NONE);
        driver().define(spec, ProgressSink.NONE);
        assertThat(driver().snapshots(spec.vmId())).isEmpty();
    }

    @Test
    default void snapshotCallsOnAnUnknownDomainOrSnapshotAreNotFound() {
        String nobody = newVmId("snap-nobody");
        assertNotFound(() -> driver().snapshot(nobody, "s1", ProgressSink.NONE));
        assertNotFound(() -> driver().snapshots(nobody));
        assertNotFound(() -> driver().revertToSnapshot(nobody, "s1", ProgressSink.NONE));
        assertNotFound(() -> driver().deleteSnapshot(nobody, "s1", ProgressSink.NONE));
        assertThat(driver().domain(nobody)).isEmpty();

        DomainSpec spec = defineNew("snap-unknown");
        assertNotFound(() -> driver().revertToSnapshot(spec.vmId(), "missing", ProgressSink.NONE));
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    default void badSnapshotIdsAreRefused() {
        DomainSpec spec = defineNew("snap-bad-id");
        for (String bad : List.of("", ".hidden", "a/b", "a b", "<x>", "x".repeat(65))) {
            assertThatThrownBy(() -> driver().snapshot(spec.vmId(), bad, ProgressSink.NONE))
                    .as("id %s", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(driver().snapshots(spec.vmId())).isEmpty();
    }
}
