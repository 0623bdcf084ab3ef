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
 * listener again and telling {@code onReopen}. A lost connection is also reopened in the background (retrying with
 * back-off until libvirtd answers), because domain events only flow on an open connection: without it, a guest
 * that crashes after a libvirtd restart would go unnoticed until some call happened to reconnect. Every libvirt
 * error leaves here as a {@link DriverException}.
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
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final String uri;
    private final Consumer<EventDispatcher.Raw> events;
    private final Runnable onReopen;
    private final LifecycleListener lifecycle = this::lifecycle;
    private Open open; // guarded by this
    private boolean lost; // guarded by this
    private boolean everOpened; // guarded by this
    private boolean closed; // guarded by this
    private boolean reopening; // guarded by this: a background reopen is under way

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

    /** The close callback (on libvirt's event-loop thread): never blocks, the reopen runs elsewhere. */
    private synchronized void markLost() {
        lost = true;
        reopenInBackground();
    }

    private synchronized void drop(Open c) {
        if (open == c) {
            lost = true;
            reopenInBackground();
        }
    }

    private synchronized void reopenInBackground() {
        if (reopening || closed) {
            return;
        }
        reopening = true;
        LOG.log(System.Logger.Level.WARNING, "lost the connection to libvirt at " + uri + "; reopening it");
        Thread.ofVirtual().name("libvirt-reopen").start(this::reopenUntilOpen);
    }

    private void reopenUntilOpen() {
        long wait = FIRST_RETRY_MILLIS;
        while (true) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    reopening = false;
                }
                return;
            }
            synchronized (this) {
                if (closed) {
                    reopening = false;
                    return;
                }
            }
            try {
                get(); // tells onReopen when it opens a new connection
                synchronized (this) {
                    if (!lost || closed) {
                        reopening = false;
                        return;
                    }
                }
            } catch (DriverException e) {
                LOG.log(System.Logger.Level.DEBUG, "libvirt at " + uri + " still unreachable: " + e.getMessage());
            }
            wait = Math.min(MAX_RETRY_MILLIS, wait * 2);
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
