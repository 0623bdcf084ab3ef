package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.libvirt.CallRules.Op;
import org.openvrm.driver.libvirt.CallRules.Plan;

/** The pure tables: libvirt states, call legality, error reasons, names. */
class StateTablesTest {

    @ParameterizedTest(name = "state {0} reason {1} -> {2}")
    @CsvSource({
            "1, 1, RUNNING",   // running (booted)
            "2, 0, RUNNING",   // blocked on I/O: still running
            "4, 1, RUNNING",   // being shut down
            "3, 1, PAUSED",    // paused by the user
            "3, 10, CRASHED",  // paused (crashed)
            "5, 1, SHUTOFF",   // shut off (shutdown)
            "5, 2, SHUTOFF",   // shut off (destroyed)
            "5, 3, CRASHED",   // shut off (crashed): QEMU died or a panic with on_crash=destroy
            "6, 1, CRASHED",   // crashed (on_crash=preserve)
            "7, 0, PAUSED",    // pmsuspended
    })
    void libvirtStates(int state, int reason, PowerState expected) {
        assertThat(PowerStates.of(state, reason)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            "START, SHUTOFF, Act", "START, CRASHED, Act", "START, RUNNING, Stay", "START, PAUSED, Refuse",
            "SHUTDOWN, RUNNING, Act", "SHUTDOWN, CRASHED, Act", "SHUTDOWN, SHUTOFF, Stay", "SHUTDOWN, PAUSED, Refuse",
            "DESTROY, PAUSED, Act", "DESTROY, CRASHED, Act", "DESTROY, SHUTOFF, Stay",
            "REBOOT, RUNNING, Act", "REBOOT, SHUTOFF, Refuse", "REBOOT, PAUSED, Refuse",
            "SUSPEND, RUNNING, Act", "SUSPEND, PAUSED, Stay", "SUSPEND, SHUTOFF, Refuse",
            "RESUME, PAUSED, Act", "RESUME, RUNNING, Stay", "RESUME, CRASHED, Refuse",
            "UNDEFINE, SHUTOFF, Act", "UNDEFINE, CRASHED, Act", "UNDEFINE, RUNNING, Refuse", "UNDEFINE, PAUSED, Refuse",
            "REDEFINE, SHUTOFF, Act", "REDEFINE, RUNNING, Refuse",
            "SNAPSHOT, SHUTOFF, Act", "SNAPSHOT, RUNNING, Act", "SNAPSHOT, PAUSED, Act", "SNAPSHOT, CRASHED, Refuse",
            "REVERT, SHUTOFF, Act", "REVERT, RUNNING, Act", "REVERT, PAUSED, Act", "REVERT, CRASHED, Act",
            "DELETE_SNAPSHOT, SHUTOFF, Act", "DELETE_SNAPSHOT, CRASHED, Act",
            // HIBERNATED: start restores, destroy discards, undefine and revert are allowed, the rest refused
            "START, HIBERNATED, Act", "DESTROY, HIBERNATED, Act", "UNDEFINE, HIBERNATED, Act",
            "REVERT, HIBERNATED, Act", "DELETE_SNAPSHOT, HIBERNATED, Act",
            "SHUTDOWN, HIBERNATED, Refuse", "REBOOT, HIBERNATED, Refuse", "SUSPEND, HIBERNATED, Refuse",
            "RESUME, HIBERNATED, Refuse", "SNAPSHOT, HIBERNATED, Refuse", "REDEFINE, HIBERNATED, Refuse",
            "HIBERNATE, RUNNING, Act", "HIBERNATE, PAUSED, Act", "HIBERNATE, HIBERNATED, Stay",
            "HIBERNATE, SHUTOFF, Refuse", "HIBERNATE, CRASHED, Refuse",
            "GROW_DISK, SHUTOFF, Act", "GROW_DISK, RUNNING, Act", "GROW_DISK, PAUSED, Act",
            "GROW_DISK, CRASHED, Refuse", "GROW_DISK, HIBERNATED, Refuse",
            // tuning a crashed domain changes its definition (it is stopped); a hibernated one resumes with its own
            "TUNE, SHUTOFF, Act", "TUNE, RUNNING, Act", "TUNE, PAUSED, Act", "TUNE, CRASHED, Act",
            "TUNE, HIBERNATED, Refuse",
    })
    void callRules(Op op, PowerState from, String expected) {
        Plan plan = CallRules.plan(op, from);
        assertThat(plan.getClass().getSimpleName()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}/{1} \"{2}\" -> {3}")
    @CsvSource({
            "VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU, Domain not found, NOT_FOUND",
            "VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, domain is not running, INVALID_STATE",
            "VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, Failed to connect socket: Connection refused, UNAVAILABLE",
            "VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, client socket is closed, UNAVAILABLE",
            "VIR_ERR_INVALID_CONN, VIR_FROM_NONE, invalid connection pointer, UNAVAILABLE",
            "VIR_ERR_OPERATION_TIMEOUT, VIR_FROM_QEMU, timed out, TIMEOUT",
            "VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE, Cannot get interface MTU on 'br9': No such device, BAD_REFERENCE",
            "VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, qemu unexpectedly closed the monitor, FAILED",
    })
    void libvirtErrors(ErrorNumber code, ErrorDomain domain, String message, Reason expected) {
        assertThat(LibvirtErrors.reason(code, domain, message)).isEqualTo(expected);
    }

    @Test
    void namesAreStableAndSafe() {
        assertThat(Names.domainName("vrm-", "vm-1")).isEqualTo("vrm-vm-1");
        assertThat(Names.domainName("vrm-", "a/b c")).isEqualTo("vrm-a%2Fb%20c");
        assertThat(Names.volumeFile("vm-1", "..")).isEqualTo("vm-1-%2E..qcow2");
        assertThat(Names.domainUuid("vm-1")).isEqualTo(Names.domainUuid("vm-1")).isNotEqualTo(Names.domainUuid("vm-2"));
    }

    @Test
    void configDefaultsAndEnvironment() {
        LibvirtConfig d = LibvirtConfig.defaults();
        assertThat(d.uri()).isEqualTo("qemu:///system");
        assertThat(d.namePrefix()).isEqualTo("vrm-");
        assertThat(d.virtualization()).isEqualTo(VirtualizationRule.Mode.AUTO);
        assertThat(d.isLocal()).isTrue();
        LibvirtConfig env = LibvirtConfig.fromEnvironment(java.util.Map.of("OPENVRM_VIRT", "tcg",
                "OPENVRM_LIBVIRT_URI", "qemu+tcp://10.0.0.5/system", "OPENVRM_LIBVIRT_PREFIX", "vrm-test-x-"));
        assertThat(env.virtualization()).isEqualTo(VirtualizationRule.Mode.TCG);
        assertThat(env.isLocal()).isFalse();
        assertThat(env.namePrefix()).isEqualTo("vrm-test-x-");
        assertThat(LibvirtConfig.fromEnvironment(java.util.Map.of("OPENVRM_LIBVIRT_PREFIX", " ")).namePrefix())
                .as("blank: the default").isEqualTo("vrm-");
        assertThatThrownBy(() -> LibvirtConfig.fromEnvironment(java.util.Map.of("OPENVRM_LIBVIRT_PREFIX", "a/b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namePrefix");
    }
}
