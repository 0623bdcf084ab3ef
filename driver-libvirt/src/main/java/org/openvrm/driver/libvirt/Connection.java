package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventDetail;
import org.libvirt.event.LifecycleListener;
import org.libvirt.jna.ConnectionPointer;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;

/**
 * The one libvirt connection of a driver. Opened lazily; when libvirtd goes away (the close callback fires, or a
 * call fails with a connection error) it is dropped and the next call opens a new one, registering the lifecycle
 * listener again and telling {@code onReopen}. Every libvirt error leaves here as a {@link DriverException}.
 */
final class Connection implements AutoCloseable {

    /** A libvirt call on the open connection. */
    @FunctionalInterface
    interface Call<T> {
        T apply(Open connection) throws LibvirtException;
    }

    /** libvirt-java's Connect, with its native pointer reachable for {@link NativeState}. */
    static final class Open extends Connect {
        Open(String uri) throws LibvirtException {
            super(uri);
        }

        ConnectionPointer pointer() {
            return vcp;
        }
    }

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final String uri;
    private final Consumer<EventDispatcher.Raw> events;
    private final Runnable onReopen;
    private final LifecycleListener lifecycle = this::lifecycle;
    private Open open; // guarded by this
    private boolean lost; // guarded by this
    private boolean everOpened; // guarded by this
    private boolean closed; // guarded by this

    Connection(String uri, Consumer<EventDispatcher.Raw> events, Runnable onReopen) {
        this.uri = requireNonNull(uri, "uri is null");
        this.events = requireNonNull(events, "events is null");
        this.onReopen = requireNonNull(onReopen, "onReopen is null");
    }

    <T> T call(String what, Call<T> call) {
        Open c = get();
        try {
            return call.apply(c);
        } catch (LibvirtException e) {
            DriverException mapped = LibvirtErrors.map(what, e);
            if (mapped.reason() == Reason.UNAVAILABLE) {
                drop(c);
            }
            throw mapped;
        }
    }

    synchronized Open get() {
        if (closed) {
            throw new DriverException(Reason.UNAVAILABLE, "the libvirt driver for " + uri + " is closed");
        }
        if (open != null && !lost && alive(open)) {
            return open;
        }
        if (open != null) {
            release(open);
            open = null;
        }
        EventLoop.ensureRunning();
        Open fresh;
        try {
            fresh = new Open(uri);
        } catch (LibvirtException e) {
            throw new DriverException(Reason.UNAVAILABLE, "cannot connect to libvirt at " + uri + ": "
                    + (e.getError() == null ? e.getMessage() : e.getError().getMessage()), e);
        }
        try {
            fresh.setKeepAlive(5, 3);
            fresh.registerCloseListener((conn, reason) -> markLost());
            fresh.addLifecycleListener(lifecycle);
        } catch (LibvirtException e) {
            release(fresh);
            throw LibvirtErrors.map("cannot listen for domain events on " + uri, e);
        }
        open = fresh;
        lost = false;
        if (everOpened) {
            LOG.log(System.Logger.Level.INFO, "reconnected to libvirt at " + uri);
            Thread.ofVirtual().name("libvirt-reconnected").start(onReopen);
        }
        everOpened = true;
        return fresh;
    }

    private synchronized void markLost() {
        lost = true;
    }

    private synchronized void drop(Open c) {
        if (open == c) {
            lost = true;
        }
    }

    private static boolean alive(Open c) {
        try {
            return c.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private int lifecycle(org.libvirt.Domain domain, DomainEvent event) {
        try {
            DomainEventDetail detail = event.getDetail();
            events.accept(new EventDispatcher.Raw(domain.getName(), event.getType(),
                    detail == null ? null : detail.toString()));
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read libvirt event " + event, e);
        }
        return 0;
    }

    private void release(Open c) {
        try {
            c.removeLifecycleListener(lifecycle);
        } catch (LibvirtException | RuntimeException e) {
            // the connection is gone already
        }
        try {
            c.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException e) {
            // likewise
        }
        try {
            c.close();
        } catch (LibvirtException | RuntimeException e) {
            // likewise
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (open != null) {
            release(open);
            open = null;
        }
    }

    /** For tests: forget the connection as if libvirtd had restarted, so the next call reconnects. */
    synchronized void simulateLoss() {
        lost = true;
    }
}
