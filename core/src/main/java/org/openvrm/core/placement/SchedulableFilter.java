package org.openvrm.core.placement;

import java.util.Optional;

/** The host is connected and not in maintenance; the snapshot says why when it is not. */
public final class SchedulableFilter implements HostFilter {

    @Override
    public String name() {
        return "Schedulable";
    }

    @Override
    public Optional<String> reject(VmDemand d, HostSnapshot h) {
        if (h.schedulable()) {
            return Optional.empty();
        }
        String why = h.unschedulableReason() == null || h.unschedulableReason().isBlank()
                ? "no reason given" : h.unschedulableReason();
        return Optional.of("host is not schedulable: " + why);
    }
}
