package org.openvrm.driver.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openvrm.driver.DomainEventListener;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.StateChangeCause;

/** The registered listeners; events go out on the thread that made the change, under that domain's lock. */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final List<DomainEventListener> listeners = new CopyOnWriteArrayList<>();

    void add(DomainEventListener listener) {
        listeners.add(listener);
    }

    void fire(DomainStatus status, StateChangeCause cause) {
        for (DomainEventListener listener : listeners) {
            try {
                listener.onStateChanged(status, cause);
            } catch (RuntimeException e) {
                // one broken listener must neither fail the step that already happened nor starve the others
                LOG.log(System.Logger.Level.WARNING, "listener failed on " + status + " (" + cause + ")", e);
            }
        }
    }
}
