package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import org.libvirt.Domain;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.libvirt.Domains.Found;

/**
 * Hibernation is libvirt's managed save: QEMU writes the guest's memory and device state to an image libvirt keeps
 * for the domain, and exits; the next start restores from it. HIBERNATED is SHUTOFF with such an image
 * ({@link Domains}).
 */
final class Hibernation {

    private final Connection connection;
    private final Domains domains;
    private final Requests requests;
    private final EventDispatcher events;

    Hibernation(Connection connection, Domains domains, Requests requests, EventDispatcher events) {
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.events = requireNonNull(events, "events is null");
    }

    /** Saves a running or paused guest; libvirt sends "stopped, saved", which is told as HIBERNATED. */
    void hibernate(Found found, ProgressSink progress) {
        progress.report(10);
        Requests.Ticket ticket = requests.begin(found.name(), PowerState.HIBERNATED, false);
        boolean done = false;
        try {
            connection.call("hibernate " + found.name(), c -> domains.domain(c, found).managedSave());
            done = true;
        } finally {
            requests.end(ticket, done);
        }
    }

    /**
     * Starts from the saved image. A guest saved while paused comes back paused (the image keeps that), and start
     * means running, so it is resumed; the ticket is quiet so only RUNNING is told.
     */
    void restore(Found found, ProgressSink progress) {
        progress.report(10);
        Requests.Ticket ticket = requests.begin(found.name(), PowerState.RUNNING, true);
        boolean done = false;
        try {
            connection.call("restore " + found.name(), c -> {
                Domain domain = domains.domain(c, found);
                domain.create();
                int[] raw = NativeState.stateOf(c.pointer(), found.name());
                if (raw != null && PowerStates.of(raw[0], raw[1]) == PowerState.PAUSED) {
                    domain.resume();
                }
                return null;
            });
            done = true;
        } finally {
            requests.end(ticket, done);
        }
    }

    /**
     * Throws the saved image away: the domain is plainly SHUTOFF. libvirt sends no lifecycle event for that, so the
     * change is told here.
     */
    void discard(Found found) {
        connection.call("discard the saved memory of " + found.name(),
                c -> domains.domain(c, found).managedSaveRemove());
        DomainStatus was = found.status();
        events.requested(found.name(), new DomainStatus(was.vmId(), PowerState.SHUTOFF, was.generation()));
    }
}
