package org.openvrm.core.placement;

import java.util.ArrayList;
import java.util.Optional;
import org.openvrm.core.capacity.HostSpecLimits;

/**
 * Seed S4's per-host spec: one more VM, and the VM's disks and NICs, must stay within the host's
 * limits. Counts every placed VM, stopped ones too.
 */
public final class SpecLimitsFilter implements HostFilter {

    @Override
    public String name() {
        return "SpecLimits";
    }

    @Override
    public boolean appliesAtStart() {
        return false;
    }

    @Override
    public Optional<String> reject(VmDemand d, HostSnapshot h) {
        HostSpecLimits limits = h.capacity().limits();
        var shortfalls = new ArrayList<String>(3);
        check(shortfalls, "VMs", 1, h.vms(), limits.maxVms());
        check(shortfalls, "virtual disks", d.disks(), h.disks(), limits.maxDisks());
        check(shortfalls, "virtual NICs", d.nics(), h.nics(), limits.maxNics());
        return shortfalls.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", shortfalls));
    }

    private static void check(ArrayList<String> out, String what, int needed, int placed, int max) {
        if ((long) placed + needed > max) {
            out.add("spec limit on " + what + ": needs " + needed + ", " + Math.max(0, max - placed)
                    + " free of " + max + " allowed on this host");
        }
    }
}
