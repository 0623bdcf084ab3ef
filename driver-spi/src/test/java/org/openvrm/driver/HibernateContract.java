package org.openvrm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.driver.ContractFixture.assertReason;

import org.junit.jupiter.api.Test;
import org.openvrm.driver.DriverException.Reason;

/** The rules of {@link HypervisorDriver#hibernate} and of the HIBERNATED state, part of the driver contract. */
public interface HibernateContract extends ContractFixture {

    @Test
    default void hibernateSavesARunningDomainAndStartResumesIt() {
        EventRecorder events = new EventRecorder();
        driver().addListener(events);
        DomainSpec spec = startNew("hib-running");
        String vmId = spec.vmId();
        ProgressRecorder progress = new ProgressRecorder();
        driver().hibernate(vmId, progress);
        assertThat(progress.reports()).isNotEmpty().endsWith(100);
        assertThat(progress.violation()).isNull();
        DomainStatus hibernated = new DomainStatus(vmId, PowerState.HIBERNATED, spec.generation());
        assertThat(driver().domain(vmId)).contains(hibernated);
        assertThat(driver().listDomains()).contains(hibernated);
        events.await(vmId, PowerState.HIBERNATED, StateChangeCause.REQUESTED, eventWait());
        assertThat(driver().vnc(vmId)).as("no console without an emulator").isEmpty();
        assertThat(driver().guestInfo(vmId)).isEqualTo(GuestInfo.NONE);

        driver().hibernate(vmId, ProgressSink.NONE);
        driver().define(spec, ProgressSink.NONE); // the same spec: nothing to do
        assertThat(driver().domain(vmId)).contains(hibernated);

        driver().start(vmId, ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.RUNNING);
        events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, eventWait());
    }

    @Test
    default void aPausedDomainHibernatesAndStartRunsIt() {
        DomainSpec spec = startNew("hib-paused");
        driver().suspend(spec.vmId(), ProgressSink.NONE);
        driver().hibernate(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.HIBERNATED);
        driver().start(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    default void hibernateNeedsMemoryToSaveAndAnExistingDomain() {
        DomainSpec spec = defineNew("hib-stopped");
        assertReason(Reason.INVALID_STATE, () -> driver().hibernate(spec.vmId(), ProgressSink.NONE));
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.SHUTOFF);
        String nobody = newVmId("hib-nobody");
        assertReason(Reason.NOT_FOUND, () -> driver().hibernate(nobody, ProgressSink.NONE));
        assertThat(driver().domain(nobody)).isEmpty();
    }

    @Test
    default void aHibernatedDomainRefusesWhatNeedsARunningGuestOrANewDefinition() {
        DomainSpec spec = startNew("hib-refuses");
        String vmId = spec.vmId();
        driver().hibernate(vmId, ProgressSink.NONE);
        assertReason(Reason.INVALID_STATE, () -> driver().shutdown(vmId, 10_000, ProgressSink.NONE));
        assertReason(Reason.INVALID_STATE, () -> driver().reboot(vmId, ProgressSink.NONE));
        assertReason(Reason.INVALID_STATE, () -> driver().suspend(vmId, ProgressSink.NONE));
        assertReason(Reason.INVALID_STATE, () -> driver().resume(vmId, ProgressSink.NONE));
        assertReason(Reason.INVALID_STATE, () -> driver().snapshot(vmId, "s1", ProgressSink.NONE));
        assertReason(Reason.INVALID_STATE,
                () -> driver().define(ContractFixture.nextGeneration(spec), ProgressSink.NONE));
        assertThat(driver().domain(vmId))
                .contains(new DomainStatus(vmId, PowerState.HIBERNATED, spec.generation()));
        assertThat(driver().snapshots(vmId)).isEmpty();
    }

    @Test
    default void destroyDiscardsTheSavedMemory() {
        EventRecorder events = new EventRecorder();
        driver().addListener(events);
        DomainSpec spec = startNew("hib-destroy");
        driver().hibernate(spec.vmId(), ProgressSink.NONE);
        driver().destroy(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.SHUTOFF);
        events.await(spec.vmId(), PowerState.SHUTOFF, StateChangeCause.REQUESTED, eventWait());
        // nothing saved is left to hibernate again from or to resume
        assertReason(Reason.INVALID_STATE, () -> driver().hibernate(spec.vmId(), ProgressSink.NONE));
        driver().start(spec.vmId(), ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).isEqualTo(PowerState.RUNNING);
    }

    @Test
    default void undefineOfAHibernatedDomainRemovesItsSavedMemoryToo() {
        DomainSpec spec = startNew("hib-undefine");
        driver().hibernate(spec.vmId(), ProgressSink.NONE);
        driver().undefine(spec.vmId(), ProgressSink.NONE);
        assertThat(driver().domain(spec.vmId())).isEmpty();
        driver().define(spec, ProgressSink.NONE);
        assertThat(stateOf(spec.vmId())).as("a new definition starts afresh").isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    default void revertDiscardsTheSavedMemory() {
        DomainSpec spec = defineNew("hib-revert");
        String vmId = spec.vmId();
        driver().snapshot(vmId, "stopped", ProgressSink.NONE);
        driver().start(vmId, ProgressSink.NONE);
        driver().hibernate(vmId, ProgressSink.NONE);
        driver().revertToSnapshot(vmId, "stopped", ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.SHUTOFF);
        driver().start(vmId, ProgressSink.NONE);
        assertThat(stateOf(vmId)).isEqualTo(PowerState.RUNNING);
    }
}
