package org.openvrm.manager;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.driver.libvirt.LibvirtDriver;

/**
 * Which driver this machine's host gets on first start: libvirt when it answers (and says whether that is KVM or
 * TCG), otherwise the simulator, with the reason in one line.
 */
record LocalDriverChoice(boolean libvirt, String note) {

    static LocalDriverChoice choose(ManagerConfig.LocalDriver wanted, LibvirtConfig config) {
        return switch (wanted) {
            case SIM -> new LocalDriverChoice(false, "simulated (as asked)");
            case LIBVIRT -> new LocalDriverChoice(true, "libvirt at " + config.uri() + " (as asked)");
            case AUTO -> probe(config);
        };
    }

    private static LocalDriverChoice probe(LibvirtConfig config) {
        // a virtual thread, not the common pool: a hung libvirtd must not hold the pool's only thread (2 cores)
        var probe = CompletableFuture.supplyAsync(() -> {
            try (var driver = new LibvirtDriver(config)) {
                return driver.inventory().virtualization().name();
            }
        }, r -> Thread.ofVirtual().start(r));
        try {
            String virtualization = probe.get(15, TimeUnit.SECONDS);
            return new LocalDriverChoice(true, "libvirt at " + config.uri() + ", " + virtualization);
        } catch (java.util.concurrent.ExecutionException e) {
            return new LocalDriverChoice(false, "simulated: libvirt is not usable here ("
                    + e.getCause().getMessage() + "); scripts/host-setup installs it");
        } catch (java.util.concurrent.TimeoutException e) {
            probe.cancel(true);
            return new LocalDriverChoice(false, "simulated: libvirt did not answer in 15 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LocalDriverChoice(false, "simulated: interrupted while probing libvirt");
        }
    }
}
