package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.libvirt.event.DomainEventType;
import org.openvrm.driver.DomainEventListener;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.StateChangeCause;

/**
 * Turns libvirt lifecycle events into {@link DomainEventListener} calls, on one thread of its own, in the order
 * libvirt sent them. libvirt's event-loop thread only enqueues ({@link #submit}); the lookups that find a domain's
 * vmId and generation and the listeners run here. An event that repeats the state last told for a domain is dropped
 * (QEMU's start sends "resumed" and "started"; both are RUNNING).
 */
final class EventDispatcher implements AutoCloseable {

    /** A lifecycle event as libvirt delivered it. */
    record Raw(String domainName, DomainEventType type, String detail) {
        Raw {
            requireNonNull(domainName, "domainName is null");
            requireNonNull(type, "type is null");
        }
    }

    /** Which VM a domain is and the spec generation it was defined from. */
    record Identity(String vmId, long generation) {
        Identity {
            requireNonNull(vmId, "vmId is null");
        }
    }

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final Requests requests;
    private final Function<String, Optional<Identity>> identities;
    private final List<DomainEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "libvirt-domain-events");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, PowerState> lastTold = new HashMap<>(); // only touched on the dispatcher thread
    private final Consumer<String> qemuGone;

    /** @param identities looks a domain name up (may call libvirt); empty when it is gone */
    EventDispatcher(Requests requests, Function<String, Optional<Identity>> identities) {
        this(requests, identities, name -> { });
    }

    /**
     * @param qemuGone told the name of every domain whose QEMU went away (stopped, crashed, saved), ours or not, told
     *     or not: what lived only as long as the QEMU process (NIC shaping on its taps) is cleaned up there
     */
    EventDispatcher(Requests requests, Function<String, Optional<Identity>> identities,
            Consumer<String> qemuGone) {
        this.requests = requireNonNull(requests, "requests is null");
        this.identities = requireNonNull(identities, "identities is null");
        this.qemuGone = requireNonNull(qemuGone, "qemuGone is null");
    }

    void addListener(DomainEventListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Called on libvirt's event-loop thread: never blocks. */
    void submit(Raw raw) {
        try {
            thread.execute(() -> handle(raw));
        } catch (RejectedExecutionException e) {
            // closed: nobody listens any more
        }
    }

    /**
     * Tells a domain's state found by looking after a reconnect, even when it equals the last one told, and for
     * domains never told of: events were missed while libvirtd was away, so every domain is told like a fresh host
     * report, and a listener may hold an older belief than ours (e.g. a VM it recorded UNKNOWN because a call failed
     * meanwhile). Listeners compare with what they hold.
     */
    void discovered(String domainName, DomainStatus status) {
        try {
            thread.execute(() -> announce(domainName, status, StateChangeCause.DISCOVERED));
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Tells a change one of our calls made that libvirt sends no event for (a discarded managed-save image). */
    void requested(String domainName, DomainStatus status) {
        try {
            thread.execute(() -> tell(domainName, status, StateChangeCause.REQUESTED));
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void handle(Raw raw) {
        try {
            if (raw.type() == DomainEventType.UNDEFINED) {
                lastTold.remove(raw.domainName());
                return;
            }
            Optional<EventMapper.Mapped> mapped = EventMapper.map(raw.type(), raw.detail());
            if (mapped.isEmpty()) {
                return;
            }
            PowerState state = mapped.get().state();
            if (raw.type() == DomainEventType.STOPPED) {
                qemuGone.accept(raw.domainName());
            }
            StateChangeCause cause = switch (requests.classify(raw.domainName(), state)) {
                case OURS -> StateChangeCause.REQUESTED;
                case OURS_HIDDEN -> null;
                case NOT_OURS -> mapped.get().unrequestedCause();
            };
            if (cause == null) {
                return;
            }
            Optional<Identity> identity = identities.apply(raw.domainName());
            if (identity.isEmpty()) {
                return; // gone before we could tell whose it was
            }
            tell(raw.domainName(), new DomainStatus(identity.get().vmId(), state, identity.get().generation()), cause);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot deliver libvirt event " + raw, e);
        }
    }

    private void tell(String domainName, DomainStatus status, StateChangeCause cause) {
        if (lastTold.get(domainName) == status.state()) {
            return;
        }
        announce(domainName, status, cause);
    }

    private void announce(String domainName, DomainStatus status, StateChangeCause cause) {
        lastTold.put(domainName, status.state());
        for (DomainEventListener listener : listeners) {
            try {
                listener.onStateChanged(status, cause);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "domain event listener failed on " + status, e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
