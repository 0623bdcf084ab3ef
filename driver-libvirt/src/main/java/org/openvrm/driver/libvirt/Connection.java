package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>Calls from virtual threads run on a small pool of platform threads. A native (JNA) call pins the virtual
 * thread's carrier for as long as it blocks, and there are only as many carriers as cores: two slow
 * {@code virDomainCreate} calls on a 2-core host used to stop every other virtual thread, the API's included, for
 * tens of seconds during a 20-guest start storm (docs/benchmarks.md, real-guests).
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
    /** More than libvirtd serves at once per client (max_client_requests, 5 by default); the rest queue here. */
    private static final int NATIVE_CALL_THREADS = 16;
    /** Guest agent questions get their own threads: a frozen agent holds one for its whole timeout. */
    private static final int AGENT_CALL_THREADS = 4;

    private final String uri;
    private final Consumer<EventDispatcher.Raw> events;
    private final Runnable onReopen;
    private final LifecycleListener lifecycle = this::lifecycle;
    private Open open; // guarded by this
    private boolean lost; // guarded by this
    private boolean everOpened; // guarded by this
    private boolean closed; // guarded by this
    private boolean reopening; // guarded by this: a background reopen is under way
    private final ExecutorService nativeCalls = Executors.newFixedThreadPool(NATIVE_CALL_THREADS,
            Thread.ofPlatform().daemon().name("libvirt-call-", 0).factory());
    private final ExecutorService agentCalls = Executors.newFixedThreadPool(AGENT_CALL_THREADS,
            Thread.ofPlatform().daemon().name("libvirt-agent-call-", 0).factory());

    Connection(String uri, Consumer<EventDispatcher.Raw> events, Runnable onReopen) {
        this.uri = requireNonNull(uri, "uri is null");
        this.events = requireNonNull(events, "events is null");
        this.onReopen = requireNonNull(onReopen, "onReopen is null");
    }

    <T> T call(String what, Call<T> call) {
        return callOn(nativeCalls, what, call);
    }

    /**
     * A call that waits for a guest agent: on threads of its own, so that many silent or frozen agents (each held
     * for the agent timeout) can never delay power operations queued behind them.
     */
    <T> T callGuestAgent(String what, Call<T> call) {
        return callOn(agentCalls, what, call);
    }

    private <T> T callOn(ExecutorService pool, String what, Call<T> call) {
        if (!Thread.currentThread().isVirtual()) {
            return callHere(what, call);
        }
        Future<T> result;
        try {
            result = pool.submit(() -> callHere(what, call));
        } catch (RejectedExecutionException e) {
            throw new DriverException(Reason.UNAVAILABLE, "the libvirt driver for " + uri + " is closed");
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new DriverException(Reason.FAILED, what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(Reason.FAILED, "interrupted while waiting to " + what, e);
        }
    }

    private <T> T callHere(String what, Call<T> call) {
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
        // a platform thread: connecting is a native call that would pin a virtual thread's carrier
        Thread.ofPlatform().daemon().name("libvirt-reopen").start(this::reopenUntilOpen);
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
        nativeCalls.shutdown(); // calls under way finish; later ones are refused as UNAVAILABLE
        agentCalls.shutdown();
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
