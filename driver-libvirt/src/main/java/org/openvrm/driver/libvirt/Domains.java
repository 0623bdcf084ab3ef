package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.libvirt.EventDispatcher.Identity;

/**
 * Finds domains and reads their state and metadata. A domain is ours when its XML carries our metadata; others are
 * reported (vmId = their own name, generation 0) and never changed.
 */
final class Domains {

    private static final int XML_INACTIVE = 2;

    /** What a vmId or domain name refers to. */
    sealed interface Found {
        String name();

        PowerState state();

        /** Whether QEMU is there (running, paused, or crashed and preserved). */
        boolean active();

        DomainStatus status();
    }

    /** One of ours. */
    record Managed(String name, DomainMetadata metadata, PowerState state, boolean active) implements Found {
        @Override
        public DomainStatus status() {
            return new DomainStatus(metadata.vmId(), state, metadata.generation());
        }
    }

    /** Somebody else's. */
    record Unmanaged(String name, PowerState state, boolean active) implements Found {
        @Override
        public DomainStatus status() {
            return new DomainStatus(name, state, 0);
        }
    }

    private final String prefix;
    private final Map<String, Identity> identities = new ConcurrentHashMap<>();

    Domains(String prefix) {
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    String nameOf(String vmId) {
        return Names.domainName(prefix, vmId);
    }

    /** Whether a domain name has our prefix (the domain may still be somebody else's: see {@link #find}). */
    boolean named(String domainName) {
        return domainName.startsWith(prefix);
    }

    /** Our domain of {@code vmId}, or an unmanaged one named exactly {@code vmId}. */
    Optional<Found> find(Connection.Open c, String vmId) throws LibvirtException {
        Optional<Found> ours = byName(c, nameOf(vmId));
        if (ours.isPresent()) {
            if (ours.get() instanceof Managed m && !m.metadata().vmId().equals(vmId)) {
                return Optional.of(new Unmanaged(m.name(), m.state(), m.active())); // another VM's name: not ours
            }
            return ours;
        }
        return byName(c, vmId).filter(f -> f instanceof Unmanaged);
    }

    /** Every domain libvirt knows, with its name. */
    List<Found> scan(Connection.Open c) throws LibvirtException {
        Set<String> names = new LinkedHashSet<>(List.of(c.listDefinedDomains()));
        for (int id : c.listDomains()) {
            try {
                names.add(c.domainLookupByID(id).getName());
            } catch (LibvirtException e) {
                if (!notFound(e)) {
                    throw e;
                }
            }
        }
        List<Found> all = new ArrayList<>();
        for (String name : names) {
            byName(c, name).ifPresent(all::add);
        }
        return all;
    }

    Optional<Found> byName(Connection.Open c, String name) throws LibvirtException {
        Domain domain;
        String xml;
        try {
            domain = c.domainLookupByName(name);
            xml = domain.getXMLDesc(XML_INACTIVE);
        } catch (LibvirtException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        int[] raw = NativeState.stateOf(c.pointer(), name);
        if (raw == null) {
            return Optional.empty(); // undefined in between
        }
        PowerState plain = PowerStates.of(raw[0], raw[1]);
        PowerState state = plain == PowerState.SHUTOFF && hasSavedMemory(domain) ? PowerState.HIBERNATED : plain;
        boolean active = PowerStates.active(raw[0]);
        Optional<DomainMetadata> metadata = DomainMetadata.parse(xml);
        Found found = metadata.<Found>map(m -> new Managed(name, m, state, active))
                .orElseGet(() -> new Unmanaged(name, state, active));
        identities.put(name, new Identity(found.status().vmId(), found.status().generation()));
        return Optional.of(found);
    }

    /** Whether a stopped domain has a managed-save image: it is HIBERNATED, its next start restores it. */
    private static boolean hasSavedMemory(Domain domain) throws LibvirtException {
        try {
            return domain.hasManagedSaveImage() == 1;
        } catch (LibvirtException e) {
            if (notFound(e)) {
                return false; // undefined in between; the caller's next look says so
            }
            throw e;
        }
    }

    /** The current state of a domain by name; NOT_FOUND when it is gone. */
    Found refresh(Connection.Open c, Found found) throws LibvirtException {
        return byName(c, found.name()).orElseThrow(() -> new DriverException(Reason.NOT_FOUND,
                "domain " + found.name() + " disappeared"));
    }

    Domain domain(Connection.Open c, Found found) throws LibvirtException {
        return c.domainLookupByName(found.name());
    }

    /** For events: whose a domain is, from what we last saw, else by looking. */
    Optional<Identity> identity(Connection c, String name) {
        Identity known = identities.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            return c.call("look up " + name, open -> byName(open, name)).map(f ->
                    new Identity(f.status().vmId(), f.status().generation()));
        } catch (DriverException e) {
            return Optional.empty();
        }
    }

    void remember(String name, Identity identity) {
        identities.put(name, identity);
    }

    void forget(String name) {
        identities.remove(name);
    }

    static boolean notFound(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN;
    }
}
