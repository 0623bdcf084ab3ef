package org.openvrm.driver.libvirt;

import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;

/**
 * libvirt's process-wide parts: its default event loop, and where its errors are printed. The loop is registered once per JVM (before any connection that wants
 * events or keepalive is opened) and run on its own daemon thread for the life of the process. The lazy holder makes
 * "once" a class-initialisation guarantee instead of mutable static state.
 */
final class EventLoop {

    private static final class Holder {
        static final EventLoop INSTANCE = new EventLoop();
    }

    private final LibvirtException failure;
    // libvirt's default handler prints every error (e.g. each "Domain not found" of a lookup) to stderr; errors reach
    // us as exceptions anyway. Held here so JNA's callback stays reachable.
    private final ErrorCallback quiet = new ErrorCallback();

    private EventLoop() {
        LibvirtException failed = null;
        try {
            Connect.setErrorCallback(quiet);
            Library.initEventLoop();
            Thread thread = new Thread(EventLoop::run, "libvirt-event-loop");
            thread.setDaemon(true);
            thread.start();
        } catch (LibvirtException e) {
            failed = e;
        }
        this.failure = failed;
    }

    /** Makes sure the loop runs; throws UNAVAILABLE when libvirt refused to set it up. */
    static void ensureRunning() {
        LibvirtException failure = Holder.INSTANCE.failure;
        if (failure != null) {
            throw new DriverException(Reason.UNAVAILABLE, "cannot start libvirt's event loop: " + failure.getMessage(),
                    failure);
        }
    }

    private static void run() {
        while (true) {
            try {
                Library.runEventLoop();
                return; // stopEventLoop was called: nobody does, but then we are done
            } catch (InterruptedException e) {
                return;
            } catch (LibvirtException | RuntimeException e) {
                System.getLogger(EventLoop.class.getName()).log(System.Logger.Level.WARNING,
                        "libvirt event loop iteration failed; continuing", e);
            }
        }
    }
}
