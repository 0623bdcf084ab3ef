package org.openvrm.manager.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.openvrm.api.CpuQos;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.manager.task.TaskFailure;

/** The manager's translation of a VM's cpuQos (MHz, levels) into libvirt's cputune numbers. */
class DomainSpecsCpuTuneTest {

    /** Host "h24" runs at 2400 MHz; "new" never reported its hardware. */
    private final DomainSpecs specs = new DomainSpecs(null, null,
            hostId -> hostId.equals("h24") ? OptionalInt.of(2400) : OptionalInt.empty());

    @Test
    void presetLevelsScaleWithVcpusAndNoLimitMeansNoQuota() {
        assertThat(specs.cpuTune("h24", new CpuQos("LOW", 1000L, 0L, null), 2))
                .isEqualTo(new CpuTune(1000, 100_000, CpuTune.UNLIMITED));
        assertThat(specs.cpuTune("h24", new CpuQos("NORMAL", 1000L, 0L, null), 1))
                .isEqualTo(new CpuTune(1000, 100_000, -1));
        assertThat(specs.cpuTune("h24", new CpuQos("HIGH", 4000L, 0L, null), 2).shares()).isEqualTo(4000);
        // a stored preset value that no longer fits the vCPU count is recomputed from the level
        assertThat(specs.cpuTune("h24", new CpuQos("HIGH", 2000L, 0L, null), 4).shares()).isEqualTo(8000);
    }

    @Test
    void customSharesAreTakenAsGiven() {
        assertThat(specs.cpuTune("h24", new CpuQos("CUSTOM", 777L, 0L, null), 4).shares()).isEqualTo(777);
    }

    @Test
    void aLimitBecomesAPerVcpuQuotaOfTheHostClock() {
        // half of one 2400 MHz core on a 1-vCPU VM: 50 ms of every 100 ms
        assertThat(specs.cpuTune("h24", new CpuQos("NORMAL", 1000L, 0L, 1200L), 1))
                .isEqualTo(new CpuTune(1000, 100_000, 50_000));
        // one core's worth spread over 4 vCPUs: a quarter period each
        assertThat(specs.cpuTune("h24", new CpuQos("NORMAL", 4000L, 600L, 2400L), 4))
                .isEqualTo(new CpuTune(4000, 100_000, 25_000));
    }

    @Test
    void aLimitOnAHostWithUnknownClockFailsTheTaskWithAStableCode() {
        assertThatThrownBy(() -> specs.cpuTune("new", new CpuQos("NORMAL", 1000L, 0L, 1200L), 1))
                .isInstanceOfSatisfying(TaskFailure.class, f -> assertThat(f.code()).isEqualTo("HOST_HARDWARE_UNKNOWN"));
        // without a limit the clock is not needed
        assertThat(specs.cpuTune("new", new CpuQos("NORMAL", 1000L, 0L, null), 1).limited()).isFalse();
    }
}
