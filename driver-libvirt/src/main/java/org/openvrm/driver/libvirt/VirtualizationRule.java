package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import org.openvrm.driver.VirtualizationType;

/**
 * Which virtualization a host gets, decided from evidence gathered by {@link VirtualizationProbe}. Pure.
 *
 * <p>The rule: an override ({@code OPENVRM_VIRT=kvm|tcg}) wins. Otherwise ({@code auto}) KVM needs all of: /dev/kvm
 * opens read-write, the CPU flags show vmx or svm, libvirt's capabilities offer {@code <domain type='kvm'>}, and a
 * throw-away KVM QEMU runs guest code (SeaBIOS prints its banner) within the probe's time limit. Anything less is
 * QEMU_TCG. A nested host whose /dev/kvm exists but whose CPU flags lack vmx/svm (this project's test machines:
 * guests hang there) therefore gets TCG without ever starting a KVM guest.
 */
public final class VirtualizationRule {

    private VirtualizationRule() {
    }

    /** The operator's choice. */
    public enum Mode {
        AUTO, KVM, TCG;

        /** Parses {@code auto|kvm|tcg} (case-insensitive); null or blank is AUTO. */
        public static Mode parse(String text) {
            if (text == null || text.isBlank()) {
                return AUTO;
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "kvm" -> KVM;
                case "tcg", "qemu" -> TCG;
                default -> throw new IllegalArgumentException("OPENVRM_VIRT must be auto, kvm or tcg, not '" + text + "'");
            };
        }
    }

    /** How the throw-away KVM guest went. */
    public enum ProbeResult { RAN, FAILED, HUNG }

    /**
     * @param kvmProbe empty when it was not run (an earlier check already failed)
     */
    public record Evidence(boolean devKvmUsable, boolean cpuHasVmxOrSvm, boolean libvirtOffersKvm,
            Optional<ProbeResult> kvmProbe) {
        public Evidence {
            requireNonNull(kvmProbe, "kvmProbe is null");
        }

        /** Whether the cheap checks pass, so the probe is worth running. */
        public boolean worthProbing() {
            return devKvmUsable && cpuHasVmxOrSvm && libvirtOffersKvm;
        }
    }

    /** The outcome and the reason, for the log and the README's "why TCG?" question. */
    public record Decision(VirtualizationType type, String why) {
        public Decision {
            requireNonNull(type, "type is null");
            requireNonNull(why, "why is null");
        }
    }

    public static Decision decide(Mode mode, Evidence e) {
        return switch (mode) {
            case KVM -> new Decision(VirtualizationType.KVM, "forced by OPENVRM_VIRT=kvm");
            case TCG -> new Decision(VirtualizationType.QEMU_TCG, "forced by OPENVRM_VIRT=tcg");
            case AUTO -> auto(e);
        };
    }

    private static Decision auto(Evidence e) {
        if (!e.devKvmUsable()) {
            return tcg("/dev/kvm is missing or not read-write");
        }
        if (!e.cpuHasVmxOrSvm()) {
            return tcg("the CPU flags show neither vmx nor svm (no usable hardware assistance, e.g. nested)");
        }
        if (!e.libvirtOffersKvm()) {
            return tcg("libvirt's capabilities offer no kvm domain type");
        }
        return switch (e.kvmProbe().orElse(ProbeResult.FAILED)) {
            case RAN -> new Decision(VirtualizationType.KVM, "/dev/kvm, vmx/svm, libvirt and a KVM probe guest all work");
            case FAILED -> tcg("a KVM probe guest failed to start");
            case HUNG -> tcg("a KVM probe guest ran no code within the time limit");
        };
    }

    private static Decision tcg(String why) {
        return new Decision(VirtualizationType.QEMU_TCG, why);
    }
}
