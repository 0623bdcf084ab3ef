package org.openvrm.driver.libvirt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.openvrm.driver.libvirt.VirtualizationRule.Evidence;
import org.openvrm.driver.libvirt.VirtualizationRule.ProbeResult;

/** Gathers the evidence for {@link VirtualizationRule} on the local host. Never hangs: the probe has a deadline. */
final class VirtualizationProbe {

    private static final Pattern VMX_SVM = Pattern.compile("^flags\\s*:.*\\b(vmx|svm)\\b", Pattern.MULTILINE);
    private static final Pattern KVM_DOMAIN = Pattern.compile("<domain\\s+type=['\"]kvm['\"]");

    private final Path devKvm;
    private final Path cpuinfo;
    private final String emulator;
    private final Duration probeLimit;

    VirtualizationProbe(Path devKvm, Path cpuinfo, String emulator, Duration probeLimit) {
        this.devKvm = devKvm;
        this.cpuinfo = cpuinfo;
        this.emulator = emulator;
        this.probeLimit = probeLimit;
    }

    static VirtualizationProbe local(String emulator) {
        return new VirtualizationProbe(Path.of("/dev/kvm"), Path.of("/proc/cpuinfo"), emulator, Duration.ofSeconds(5));
    }

    /** @param capabilitiesXml libvirt's capabilities, for {@code <domain type='kvm'>} */
    Evidence gather(String capabilitiesXml) {
        boolean kvmDevice = Files.isReadable(devKvm) && Files.isWritable(devKvm);
        boolean flags = cpuHasVmxOrSvm(read(cpuinfo));
        boolean offered = KVM_DOMAIN.matcher(capabilitiesXml).find();
        Evidence cheap = new Evidence(kvmDevice, flags, offered, Optional.empty());
        return cheap.worthProbing() ? new Evidence(true, true, true, Optional.of(probe())) : cheap;
    }

    static boolean cpuHasVmxOrSvm(String cpuinfoText) {
        return VMX_SVM.matcher(cpuinfoText).find();
    }

    /** Starts a KVM QEMU with only SeaBIOS and waits for its banner on the debug console. */
    private ProbeResult probe() {
        List<String> command = List.of(emulator, "-machine", "pc,accel=kvm", "-m", "16", "-nodefaults",
                "-display", "none", "-no-reboot", "-chardev", "stdio,id=dbg", "-device",
                "isa-debugcon,iobase=0x402,chardev=dbg");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ProbeResult.FAILED;
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<Boolean> banner = CompletableFuture.supplyAsync(() -> sawBanner(process),
                    Thread.ofVirtual()::start);
            return banner.get(probeLimit.toMillis(), TimeUnit.MILLISECONDS) ? ProbeResult.RAN : ProbeResult.FAILED;
        } catch (TimeoutException e) {
            return ProbeResult.HUNG;
        } catch (ExecutionException | IOException e) {
            return ProbeResult.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.FAILED;
        } finally {
            process.destroyForcibly();
        }
    }

    private static boolean sawBanner(Process process) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("SeaBIOS")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
