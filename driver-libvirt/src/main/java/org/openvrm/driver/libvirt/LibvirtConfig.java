package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * How the libvirt driver is set up.
 *
 * @param uri the libvirt connection, e.g. {@code qemu:///system}
 * @param namePrefix prepended to the vmId to make the domain name ({@code vrm-}; tests use {@code vrm-test-})
 * @param virtualization {@code auto} follows {@link VirtualizationRule}; {@code kvm}/{@code tcg} force it
 * @param qemuImg the qemu-img binary
 * @param emulator the QEMU system emulator put into every domain
 * @param machine the QEMU machine type
 * @param serialLogDir where each domain's serial console log goes ({@code <name>-serial.log})
 * @param shutdownResend how often a safe shutdown repeats its request while the guest has not acted on it (a guest
 *     still booting misses an ACPI power button press)
 */
public record LibvirtConfig(String uri, String namePrefix, VirtualizationRule.Mode virtualization, String qemuImg,
        String emulator, String machine, String serialLogDir, Duration shutdownResend) {

    public static final String DEFAULT_URI = "qemu:///system";

    public LibvirtConfig {
        requireNonNull(uri, "uri is null");
        requireNonNull(namePrefix, "namePrefix is null");
        requireNonNull(virtualization, "virtualization is null");
        requireNonNull(qemuImg, "qemuImg is null");
        requireNonNull(emulator, "emulator is null");
        requireNonNull(machine, "machine is null");
        requireNonNull(serialLogDir, "serialLogDir is null");
        requireNonNull(shutdownResend, "shutdownResend is null");
        if (namePrefix.contains("/")) {
            throw new IllegalArgumentException("namePrefix must not contain '/': " + namePrefix);
        }
        if (shutdownResend.isNegative() || shutdownResend.isZero()) {
            throw new IllegalArgumentException("shutdownResend must be positive");
        }
    }

    /** qemu:///system, prefix "vrm-", auto virtualization, Debian's binaries and log directory. */
    public static LibvirtConfig defaults() {
        return new LibvirtConfig(DEFAULT_URI, "vrm-", VirtualizationRule.Mode.AUTO, "/usr/bin/qemu-img",
                "/usr/bin/qemu-system-x86_64", "pc", "/var/log/libvirt/qemu", Duration.ofSeconds(5));
    }

    /**
     * The defaults, with {@code OPENVRM_LIBVIRT_URI}, {@code OPENVRM_VIRT} (auto|kvm|tcg) and
     * {@code OPENVRM_LIBVIRT_PREFIX} (the domain-name prefix: tests running {@code vrm up} or {@code vrm agent} as
     * processes give theirs a {@code vrm-test-} one) applied.
     */
    public static LibvirtConfig fromEnvironment(Map<String, String> env) {
        LibvirtConfig d = defaults();
        String uri = env.getOrDefault("OPENVRM_LIBVIRT_URI", "");
        String prefix = env.getOrDefault("OPENVRM_LIBVIRT_PREFIX", "");
        return new LibvirtConfig(uri.isBlank() ? d.uri() : uri, prefix.isBlank() ? d.namePrefix() : prefix,
                VirtualizationRule.Mode.parse(env.get("OPENVRM_VIRT")), d.qemuImg(), d.emulator(), d.machine(),
                d.serialLogDir(), d.shutdownResend());
    }

    public LibvirtConfig withNamePrefix(String prefix) {
        return new LibvirtConfig(uri, prefix, virtualization, qemuImg, emulator, machine, serialLogDir, shutdownResend);
    }

    public LibvirtConfig withUri(String newUri) {
        return new LibvirtConfig(newUri, namePrefix, virtualization, qemuImg, emulator, machine, serialLogDir,
                shutdownResend);
    }

    /** Whether the connection is to this machine, so /proc and /dev describe the hypervisor's host. */
    public boolean isLocal() {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return true;
        }
        String rest = uri.substring(scheme + 3);
        return rest.startsWith("/") || rest.startsWith("localhost/") || uri.startsWith("qemu+unix");
    }
}
