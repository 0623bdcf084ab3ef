package org.openvrm.driver;

@FunctionalInterface
public interface DomainEventListener {
    /** Called on a driver thread; must not block. */
    void onStateChanged(DomainStatus status, StateChangeCause cause);
}
