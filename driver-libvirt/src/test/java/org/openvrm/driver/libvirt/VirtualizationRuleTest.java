package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvrm.driver.VirtualizationType;
import org.openvrm.driver.libvirt.VirtualizationRule.Evidence;
import org.openvrm.driver.libvirt.VirtualizationRule.Mode;
import org.openvrm.driver.libvirt.VirtualizationRule.ProbeResult;

class VirtualizationRuleTest {

    record Case(String label, Mode mode, Evidence evidence, VirtualizationType expected) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Evidence e(boolean dev, boolean flags, boolean offered, ProbeResult probe) {
        return new Evidence(dev, flags, offered, Optional.ofNullable(probe));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a real server: everything works", Mode.AUTO, e(true, true, true, ProbeResult.RAN),
                        VirtualizationType.KVM),
                new Case("this machine: /dev/kvm and libvirt say kvm, the CPU lacks vmx/svm", Mode.AUTO,
                        e(true, false, true, null), VirtualizationType.QEMU_TCG),
                new Case("no /dev/kvm", Mode.AUTO, e(false, true, true, null), VirtualizationType.QEMU_TCG),
                new Case("libvirt offers no kvm", Mode.AUTO, e(true, true, false, null), VirtualizationType.QEMU_TCG),
                new Case("the probe guest hangs", Mode.AUTO, e(true, true, true, ProbeResult.HUNG),
                        VirtualizationType.QEMU_TCG),
                new Case("the probe guest fails", Mode.AUTO, e(true, true, true, ProbeResult.FAILED),
                        VirtualizationType.QEMU_TCG),
                new Case("forced tcg on a KVM host", Mode.TCG, e(true, true, true, ProbeResult.RAN),
                        VirtualizationType.QEMU_TCG),
                new Case("forced kvm wins over the evidence", Mode.KVM, e(false, false, false, null),
                        VirtualizationType.KVM));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decides(Case c) {
        VirtualizationRule.Decision d = VirtualizationRule.decide(c.mode(), c.evidence());
        assertThat(d.type()).isEqualTo(c.expected());
        assertThat(d.why()).isNotBlank();
    }

    @Test
    void probingIsOnlyWorthItWhenTheCheapChecksPass() {
        assertThat(e(true, true, true, null).worthProbing()).isTrue();
        assertThat(e(true, false, true, null).worthProbing()).isFalse();
    }

    @Test
    void modesParse() {
        assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse(" ")).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse("KVM")).isEqualTo(Mode.KVM);
        assertThat(Mode.parse("tcg")).isEqualTo(Mode.TCG);
        assertThatThrownBy(() -> Mode.parse("xen")).hasMessageContaining("OPENVRM_VIRT");
    }

    @Test
    void cpuFlagsAreReadFromTheFlagsLine() {
        assertThat(VirtualizationProbe.cpuHasVmxOrSvm("processor\t: 0\nflags\t\t: fpu vme svm sse\n")).isTrue();
        assertThat(VirtualizationProbe.cpuHasVmxOrSvm("flags\t\t: fpu vmx\n")).isTrue();
        assertThat(VirtualizationProbe.cpuHasVmxOrSvm("flags\t\t: fpu vmxnet hypervisor\n")).isFalse();
        assertThat(VirtualizationProbe.cpuHasVmxOrSvm("model name\t: svm-like cpu\nflags\t: fpu\n")).isFalse();
    }
}
