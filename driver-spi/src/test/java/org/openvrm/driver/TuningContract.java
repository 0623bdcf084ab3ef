package org.openvrm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.driver.ContractFixture.assertReason;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.driver.DriverException.Reason;

/**
 * The rules of {@link HypervisorDriver#tune} and {@link HypervisorDriver#tuning}, part of the driver contract: what
 * is set is what the hypervisor reads back, live on a running domain and in the definition of a stopped one, and
 * the recorded spec takes it (observed through {@code define}, which is a no-op for the tuned spec).
 */
public interface TuningContract extends ContractFixture {

    /**
     * A tuning unlike the defaults in every part: CPU shares and a half-core cap, 3/4 of the memory as balloon with
     * a quarter reserved, a write limit on every disk, and both directions shaped on every NIC.
     */
    static Tuning distinctTuning(DomainSpec spec) {
        Map<String, IoTune> disks = new HashMap<>();
        spec.disks().forEach(d -> disks.put(d.id(), new IoTune(0, 2_097_152, 0, 0, 0, 300)));
        Map<String, NicBandwidth> nics = new HashMap<>();
        spec.nics().forEach(n -> nics.put(n.mac(),
                new NicBandwidth(new Bandwidth(1000, 2000, 256), new Bandwidth(500, 0, 0))));
        long balloon = Math.max(1, spec.memoryMb() * 3 / 4);
        return new Tuning(new CpuTune(1500, 100_000, 50_000), new MemTune(balloon, spec.memoryMb() / 4), disks, nics);
    }

    @Test
    default void aStoppedDomainIsTunedInItsDefinitionAndStartsWithIt() {
        DomainSpec spec = defineNew("tune-offline");
        Tuning tuning = distinctTuning(spec);
        ProgressRecorder progress = new ProgressRecorder();
        driver().tune(spec.vmId(), tuning, progress);
        assertThat(progress.reports()).isNotEmpty().endsWith(100);
        assertThat(progress.violation()).isNull();
        assertThat(driver().tuning(spec.vmId())).isEqualTo(tuning);
        assertThat(driver().domain(spec.vmId()))
                .contains(new DomainStatus(spec.vmId(), PowerState.SHUTOFF, spec.generation()));

        driver().start(spec.vmId(), ProgressSink.NONE);
        ContractFixture.eventually(guestWait(), "the running domain enforcing " + tuning,
                () -> tuning.equals(driver().tuning(spec.vmId())) ? tuning : null);
        driver().define(spec.withTuning(tuning), ProgressSink.NONE); // what the driver recorded: nothing to do
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
        assertReason(Reason.INVALID_STATE, () -> driver().define(spec, ProgressSink.NONE)); // the old tuning differs
    }

    @Test
    default void aRunningDomainIsTunedLiveAndBackWithoutARestart() {
        DomainSpec spec = startNew("tune-live");
        Tuning tuning = distinctTuning(spec);
        driver().tune(spec.vmId(), tuning, ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
        ContractFixture.eventually(guestWait(), "the running domain enforcing " + tuning,
                () -> tuning.equals(driver().tuning(spec.vmId())) ? tuning : null);

        driver().tune(spec.vmId(), spec.tuning(), ProgressSink.NONE); // and back to the spec's own
        ContractFixture.eventually(guestWait(), "the running domain back at " + spec.tuning(),
                () -> spec.tuning().equals(driver().tuning(spec.vmId())) ? spec.tuning() : null);
        driver().define(spec, ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    default void aPausedDomainIsTunedAndStaysPaused() {
        DomainSpec spec = startNew("tune-paused");
        driver().suspend(spec.vmId(), ProgressSink.NONE);
        Tuning tuning = distinctTuning(spec);
        driver().tune(spec.vmId(), new Tuning(tuning.cpu(), spec.memTune(), tuning.disks(), tuning.nics()),
                ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.PAUSED);
        assertThat(driver().tuning(spec.vmId()).cpu()).isEqualTo(tuning.cpu());
        assertThat(driver().tuning(spec.vmId()).disks()).isEqualTo(tuning.disks());
    }

    @Test
    default void theSameTuningAgainIsANoOp() {
        DomainSpec spec = defineNew("tune-same");
        ProgressRecorder progress = new ProgressRecorder();
        driver().tune(spec.vmId(), spec.tuning(), progress);
        assertThat(progress.reports()).endsWith(100);
        Tuning tuning = distinctTuning(spec);
        driver().tune(spec.vmId(), tuning, ProgressSink.NONE);
        driver().tune(spec.vmId(), tuning, ProgressSink.NONE); // a retry
        assertThat(driver().tuning(spec.vmId())).isEqualTo(tuning);
    }

    @Test
    default void unknownDisksNicsAndDomainsATooLargeBalloonAndAHibernatedDomainAreRefused() {
        DomainSpec spec = startNew("tune-refused");
        Tuning tuning = distinctTuning(spec);
        Map<String, IoTune> extraDisk = new HashMap<>(tuning.disks());
        extraDisk.put("no-such-disk", IoTune.UNLIMITED);
        assertReason(Reason.BAD_REFERENCE, () -> driver().tune(spec.vmId(),
                new Tuning(tuning.cpu(), tuning.memory(), extraDisk, tuning.nics()), ProgressSink.NONE));
        Map<String, NicBandwidth> extraNic = new HashMap<>(tuning.nics());
        extraNic.put("52:54:00:ff:ff:ff", NicBandwidth.NONE);
        assertReason(Reason.BAD_REFERENCE, () -> driver().tune(spec.vmId(),
                new Tuning(tuning.cpu(), tuning.memory(), tuning.disks(), extraNic), ProgressSink.NONE));
        assertReason(Reason.BAD_REFERENCE, () -> driver().tune(spec.vmId(),
                new Tuning(tuning.cpu(), new MemTune(spec.memoryMb() + 1, 0), tuning.disks(), tuning.nics()),
                ProgressSink.NONE));
        assertThat(driver().tuning(spec.vmId())).as("nothing of a refused tuning applied").isEqualTo(spec.tuning());

        String nobody = newVmId("tune-nobody");
        assertReason(Reason.NOT_FOUND, () -> driver().tune(nobody, tuning, ProgressSink.NONE));
        assertReason(Reason.NOT_FOUND, () -> driver().tuning(nobody));

        driver().hibernate(spec.vmId(), ProgressSink.NONE);
        assertReason(Reason.INVALID_STATE, () -> driver().tune(spec.vmId(), tuning, ProgressSink.NONE));
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.HIBERNATED);
    }
}
