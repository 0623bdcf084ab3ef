package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.openvrm.driver.DriverException;

/**
 * The fault knobs of one simulated host, safe to turn from any thread while calls are running. Failures are one-shot
 * and consumed in the order they were armed; the flags stay until turned off.
 */
public final class SimFaults {

    /** What the guest or its emulator can do to a domain on its own; implemented by the driver. */
    interface GuestActions {
        void crash(String vmId);

        void guestPowerOff(String vmId);
    }

    /** An armed failure: the next call of {@code op} (on {@code vmId}, when it is not null) throws. */
    private record Armed(Op op, String vmId, DriverException.Reason reason, String message) {
        boolean matches(Op call, String callVmId) {
            return op == call && (vmId == null || vmId.equals(callVmId));
        }
    }

    private final GuestActions guest;
    private final List<Armed> armed = new ArrayList<>();
    private volatile boolean shutdownHangs;
    private volatile boolean unavailable;

    SimFaults(GuestActions guest) {
        this.guest = requireNonNull(guest, "guest is null");
    }

    /** The next call of {@code op}, on any domain, throws a DriverException with this reason and message. */
    public void failNext(Op op, DriverException.Reason reason, String message) {
        arm(new Armed(requireNonNull(op, "op is null"), null, requireNonNull(reason, "reason is null"),
                requireNonNull(message, "message is null")));
    }

    /** The next call of {@code op} on {@code vmId} throws a DriverException with this reason and message. */
    public void failNext(Op op, String vmId, DriverException.Reason reason, String message) {
        arm(new Armed(requireNonNull(op, "op is null"), requireNonNull(vmId, "vmId is null"),
                requireNonNull(reason, "reason is null"), requireNonNull(message, "message is null")));
    }

    /** While on, guests ignore safe shutdown: it waits out the caller's timeout and throws TIMEOUT. */
    public void hangShutdown(boolean hang) {
        shutdownHangs = hang;
    }

    /** While on, every driver call throws UNAVAILABLE, as when libvirtd is down; the guests keep running. */
    public void setUnavailable(boolean down) {
        unavailable = down;
    }

    /**
     * The emulator of a running or paused domain dies: it goes CRASHED with a CRASHED event and frees its memory.
     *
     * @throws DriverException NOT_FOUND for an unknown domain, INVALID_STATE when it has no emulator to kill
     */
    public void crash(String vmId) {
        guest.crash(requireNonNull(vmId, "vmId is null"));
    }

    /**
     * The guest of a running domain shuts itself down: it goes SHUTOFF with a GUEST event.
     *
     * @throws DriverException NOT_FOUND for an unknown domain, INVALID_STATE when it is not running
     */
    public void guestPowerOff(String vmId) {
        guest.guestPowerOff(requireNonNull(vmId, "vmId is null"));
    }

    /** Disarms every failure and turns every flag off. */
    public void clear() {
        synchronized (armed) {
            armed.clear();
        }
        shutdownHangs = false;
        unavailable = false;
    }

    boolean shutdownHangs() {
        return shutdownHangs;
    }

    boolean unavailable() {
        return unavailable;
    }

    /** Disarms and returns the first failure armed for this call, if any. */
    Optional<DriverException> take(Op op, String vmId) {
        synchronized (armed) {
            for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
                Armed failure = it.next();
                if (failure.matches(op, vmId)) {
                    it.remove();
                    return Optional.of(new DriverException(failure.reason(), failure.message()));
                }
            }
        }
        return Optional.empty();
    }

    private void arm(Armed failure) {
        synchronized (armed) {
            armed.add(failure);
        }
    }
}
