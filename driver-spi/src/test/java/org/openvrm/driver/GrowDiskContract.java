package org.openvrm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.driver.ContractFixture.assertReason;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DriverException.Reason;

/**
 * The rules of {@link HypervisorDriver#growDisk}, part of the driver contract. What the driver recorded is observed
 * through {@code define}: while a domain runs, an equal spec is a no-op and a different one is INVALID_STATE.
 */
public interface GrowDiskContract extends ContractFixture {

    /** {@code spec} with its first disk {@code deltaMb} larger, generation unchanged. */
    static DomainSpec grown(DomainSpec spec, long deltaMb) {
        List<DiskSpec> disks = new ArrayList<>(spec.disks());
        DiskSpec d = disks.getFirst();
        disks.set(0, d.withSizeMb(d.sizeMb() + deltaMb));
        return new DomainSpec(spec.vmId(), spec.name(), spec.generation(), spec.vcpus(), spec.maxVcpus(),
                spec.memoryMb(), disks, spec.nics(), spec.bootOrder(), spec.cpuTune(), spec.memTune());
    }

    private static DiskSpec firstDisk(DomainSpec spec) {
        assertThat(spec.disks()).as("the contract's spec needs a disk").isNotEmpty();
        return spec.disks().getFirst();
    }

    @Test
    default void aStoppedDomainsDiskGrowsAndTheRecordedSpecHasTheNewSize() {
        DomainSpec spec = defineNew("grow-offline");
        DiskSpec disk = firstDisk(spec);
        ProgressRecorder progress = new ProgressRecorder();
        driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb() + 64, progress);
        assertThat(progress.reports()).isNotEmpty().endsWith(100);
        assertThat(progress.violation()).isNull();
        assertThat(driver().domain(spec.vmId()))
                .contains(new DomainStatus(spec.vmId(), PowerState.SHUTOFF, spec.generation()));

        driver().start(spec.vmId(), ProgressSink.NONE);
        driver().define(grown(spec, 64), ProgressSink.NONE); // equal to what the driver recorded: nothing to do
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
        assertReason(Reason.INVALID_STATE, () -> driver().define(spec, ProgressSink.NONE)); // the old size differs
    }

    @Test
    default void aRunningDomainsDiskGrowsLive() {
        DomainSpec spec = startNew("grow-live");
        DiskSpec disk = firstDisk(spec);
        driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb() + 32, ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
        driver().define(grown(spec, 32), ProgressSink.NONE);
        assertReason(Reason.INVALID_STATE, () -> driver().define(spec, ProgressSink.NONE));
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    default void aPausedDomainsDiskGrowsLiveAndStaysPaused() {
        DomainSpec spec = startNew("grow-paused");
        DiskSpec disk = firstDisk(spec);
        driver().suspend(spec.vmId(), ProgressSink.NONE);
        driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb() + 16, ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.PAUSED);
        driver().define(grown(spec, 16), ProgressSink.NONE);
        assertReason(Reason.INVALID_STATE, () -> driver().define(spec, ProgressSink.NONE));
    }

    @Test
    default void theSameSizeIsANoOpAndDisksOnlyGrow() {
        DomainSpec spec = defineNew("grow-same");
        DiskSpec disk = firstDisk(spec);
        ProgressRecorder progress = new ProgressRecorder();
        driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb(), progress);
        assertThat(progress.reports()).endsWith(100);
        assertReason(Reason.INVALID_STATE,
                () -> driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb() - 1, ProgressSink.NONE));
        driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb() + 8, ProgressSink.NONE);
        driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb() + 8, ProgressSink.NONE); // a retry: no-op
        assertReason(Reason.INVALID_STATE,
                () -> driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb(), ProgressSink.NONE));
        driver().start(spec.vmId(), ProgressSink.NONE);
        driver().define(grown(spec, 8), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    default void unknownDisksAndDomainsAndAHibernatedDomainAreRefused() {
        DomainSpec spec = startNew("grow-refused");
        DiskSpec disk = firstDisk(spec);
        assertReason(Reason.BAD_REFERENCE,
                () -> driver().growDisk(spec.vmId(), "no-such-disk", disk.sizeMb() + 8, ProgressSink.NONE));
        String nobody = newVmId("grow-nobody");
        assertReason(Reason.NOT_FOUND, () -> driver().growDisk(nobody, disk.id(), 128, ProgressSink.NONE));
        driver().hibernate(spec.vmId(), ProgressSink.NONE);
        assertReason(Reason.INVALID_STATE,
                () -> driver().growDisk(spec.vmId(), disk.id(), disk.sizeMb() + 8, ProgressSink.NONE));
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.HIBERNATED);
        driver().start(spec.vmId(), ProgressSink.NONE);
        driver().define(spec, ProgressSink.NONE); // nothing grew
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }
}
