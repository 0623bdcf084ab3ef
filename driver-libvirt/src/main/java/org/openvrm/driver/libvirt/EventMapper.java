package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.libvirt.event.DomainEventType;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.StateChangeCause;

/**
 * A libvirt lifecycle event (type, detail) -> the power state it leads to and its cause when nobody asked for it.
 * Pure. Whether one of our own calls caused it (then the cause is REQUESTED) is {@link Requests}' business.
 *
 * <pre>
 * STARTED  *                        -> RUNNING  DISCOVERED (WAKEUP: GUEST)
 * RESUMED  *                        -> RUNNING  DISCOVERED
 * SUSPENDED IOERROR|WATCHDOG        -> PAUSED   GUEST      other details: DISCOVERED
 * PMSUSPENDED *                     -> PAUSED   GUEST
 * STOPPED  SHUTDOWN                 -> SHUTOFF  GUEST      (the guest powered off)
 * STOPPED  CRASHED|FAILED           -> CRASHED  CRASHED    (QEMU died: kill -9, or a panic with on_crash=destroy)
 * STOPPED  SAVED                    -> HIBERNATED DISCOVERED (managed save; a plain "virsh save" by someone else
 *                                                           sends it too, and its domain then reads SHUTOFF)
 * STOPPED  DESTROYED|...            -> SHUTOFF  DISCOVERED (someone else stopped it)
 * CRASHED  *                        -> CRASHED  CRASHED    (guest panic)
 * DEFINED  ADDED                    -> SHUTOFF  DISCOVERED (a new domain)
 * SHUTDOWN, DEFINED UPDATED, UNDEFINED, UNKNOWN -> nothing (no power-state change, or STOPPED follows)
 * </pre>
 */
final class EventMapper {

    /** The state an event leads to and the cause it has unless our own call made it. */
    record Mapped(PowerState state, StateChangeCause unrequestedCause) {
        Mapped {
            requireNonNull(state, "state is null");
            requireNonNull(unrequestedCause, "unrequestedCause is null");
        }
    }

    private EventMapper() {
    }

    static Optional<Mapped> map(DomainEventType type, String detail) {
        String d = detail == null ? "UNKNOWN" : detail;
        return Optional.ofNullable(switch (type) {
            case STARTED -> new Mapped(PowerState.RUNNING,
                    d.equals("WAKEUP") ? StateChangeCause.GUEST : StateChangeCause.DISCOVERED);
            case RESUMED -> new Mapped(PowerState.RUNNING, StateChangeCause.DISCOVERED);
            case SUSPENDED -> new Mapped(PowerState.PAUSED, d.equals("IOERROR") || d.equals("WATCHDOG")
                    ? StateChangeCause.GUEST : StateChangeCause.DISCOVERED);
            case PMSUSPENDED -> new Mapped(PowerState.PAUSED, StateChangeCause.GUEST);
            case STOPPED -> switch (d) {
                case "SHUTDOWN" -> new Mapped(PowerState.SHUTOFF, StateChangeCause.GUEST);
                case "CRASHED", "FAILED" -> new Mapped(PowerState.CRASHED, StateChangeCause.CRASHED);
                case "SAVED" -> new Mapped(PowerState.HIBERNATED, StateChangeCause.DISCOVERED);
                default -> new Mapped(PowerState.SHUTOFF, StateChangeCause.DISCOVERED);
            };
            case CRASHED -> new Mapped(PowerState.CRASHED, StateChangeCause.CRASHED);
            case DEFINED -> d.equals("ADDED") ? new Mapped(PowerState.SHUTOFF, StateChangeCause.DISCOVERED) : null;
            case SHUTDOWN, UNDEFINED, UNKNOWN -> null;
        });
    }
}
