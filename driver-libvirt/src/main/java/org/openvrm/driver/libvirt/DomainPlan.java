package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.UUID;
import org.openvrm.driver.DomainSpec;

/**
 * One domain as it is to be defined: the spec plus everything the driver decided about it on this host.
 *
 * @param name the libvirt domain name ({@link Names#domainName})
 * @param volumes the qcow2 file of each disk, in the order of {@code spec.disks()}; the domain owns them
 * @param serialLog where virtlogd writes the serial console
 * @param fingerprint {@link SpecFingerprint} of the spec, so an equal define is recognised as a no-op
 */
public record DomainPlan(DomainSpec spec, String name, UUID uuid, List<String> volumes, String serialLog,
        String fingerprint) {

    public DomainPlan {
        requireNonNull(spec, "spec is null");
        requireNonNull(name, "name is null");
        requireNonNull(uuid, "uuid is null");
        volumes = List.copyOf(volumes);
        requireNonNull(serialLog, "serialLog is null");
        requireNonNull(fingerprint, "fingerprint is null");
        if (volumes.size() != spec.disks().size()) {
            throw new IllegalArgumentException("need one volume per disk: " + volumes.size() + " for "
                    + spec.disks().size());
        }
    }
}
