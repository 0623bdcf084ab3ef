package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.libvirt.Domains.Found;

/**
 * The power operations on one of our domains, once {@link CallRules} said they are legal. Each brackets its libvirt
 * calls in a {@link Requests} ticket so the events they cause are told as REQUESTED.
 */
final class PowerOps {

    /** One operation on a domain found by the driver. */
    @FunctionalInterface
    interface Step {
        void run(Found found, ProgressSink progress);
    }

    private static final int START_PAUSED = 1;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;
    private final Domains domains;
    private final Requests requests;
    private final Duration shutdownResend;

    PowerOps(Connection connection, Domains domains, Requests requests, Duration shutdownResend) {
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.shutdownResend = requireNonNull(shutdownResend, "shutdownResend is null");
    }

    void start(Found found, ProgressSink progress) {
        if (found.active()) {
            destroy(found, ProgressSink.NONE); // a crashed guest kept by on_crash=preserve: power-cycle it
        }
        progress.report(10);
        request(found, PowerState.RUNNING, false, "start", d -> d.create());
    }

    /**
     * Asks the guest to power off (libvirt uses the guest agent when its channel is connected, else ACPI), asks again
     * every {@code shutdownResend} (a guest still booting misses the ACPI button) and waits for it to be off.
     */
    void shutdown(Found found, long timeoutMillis, ProgressSink progress) {
        if (found.state() == PowerState.CRASHED) {
            clearCrash(found);
            return;
        }
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        long nextAsk = start;
        Requests.Ticket ticket = requests.begin(found.name(), PowerState.SHUTOFF, false);
        try {
            while (true) {
                PowerState now = stateOf(found);
                if (now == PowerState.SHUTOFF) {
                    return;
                }
                if (now == PowerState.CRASHED) {
                    throw new DriverException(Reason.FAILED, found.name() + " crashed while shutting down");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DriverException(Reason.TIMEOUT, "the guest of " + found.name()
                            + " did not shut down within " + timeoutMillis + " ms");
                }
                if (System.nanoTime() - nextAsk >= 0) {
                    askToShutDown(found);
                    nextAsk = System.nanoTime() + shutdownResend.toNanos();
                }
                long spent = System.nanoTime() - start;
                progress.report((int) Math.min(95, spent * 95 / Math.max(1, deadline - start)));
                sleep(Math.min(POLL.toNanos(), Math.max(1, deadline - System.nanoTime())));
            }
        } finally {
            requests.end(ticket, true);
        }
    }

    void destroy(Found found, ProgressSink progress) {
        if (!found.active()) {
            if (found.state() == PowerState.CRASHED) {
                clearCrash(found);
            }
            return;
        }
        try {
            request(found, PowerState.SHUTOFF, false, "destroy", d -> d.destroy());
        } catch (DriverException e) {
            if (e.reason() != Reason.INVALID_STATE || stateOf(found) != PowerState.SHUTOFF) {
                throw e; // not "it stopped on its own just now"
            }
        }
    }

    /** Agent reboot when the agent channel is up, else ACPI (libvirt restarts the guest once it powers off). */
    void reboot(Found found, ProgressSink progress) {
        Requests.Ticket ticket = requests.begin(found.name(), PowerState.RUNNING, false);
        try {
            connection.call("reboot " + found.name(), c -> {
                domains.domain(c, found).reboot(0);
                return null;
            });
        } finally {
            requests.end(ticket, false);
        }
    }

    void suspend(Found found, ProgressSink progress) {
        request(found, PowerState.PAUSED, false, "suspend", d -> d.suspend());
    }

    void resume(Found found, ProgressSink progress) {
        request(found, PowerState.RUNNING, false, "resume", d -> d.resume());
    }

    /**
     * "Shut off (crashed)" stays so in libvirt until the domain runs again; to make a crashed domain SHUTOFF it is
     * started paused (no guest code runs) and destroyed. Its intermediate events are not told.
     */
    private void clearCrash(Found found) {
        request(found, PowerState.SHUTOFF, true, "clear the crash of", d -> {
            d.create(START_PAUSED);
            d.destroy();
        });
    }

    private void askToShutDown(Found found) {
        try {
            connection.call("shut down " + found.name(), c -> {
                domains.domain(c, found).shutdown();
                return null;
            });
        } catch (DriverException e) {
            if (e.reason() != Reason.INVALID_STATE) {
                throw e; // INVALID_STATE: it went off between our look and the request
            }
        }
    }

    private interface DomainCall {
        void apply(org.libvirt.Domain domain) throws org.libvirt.LibvirtException;
    }

    private void request(Found found, PowerState target, boolean quiet, String what, DomainCall call) {
        Requests.Ticket ticket = requests.begin(found.name(), target, quiet);
        boolean done = false;
        try {
            connection.call(what + " " + found.name(), c -> {
                call.apply(domains.domain(c, found));
                return null;
            });
            done = true;
        } finally {
            requests.end(ticket, done);
        }
    }

    private PowerState stateOf(Found found) {
        int[] raw = connection.call("read the state of " + found.name(),
                c -> NativeState.stateOf(c.pointer(), found.name()));
        if (raw == null) {
            throw new DriverException(Reason.NOT_FOUND, "domain " + found.name() + " disappeared");
        }
        return PowerStates.of(raw[0], raw[1]);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(Reason.FAILED, "interrupted while waiting");
        }
    }
}
