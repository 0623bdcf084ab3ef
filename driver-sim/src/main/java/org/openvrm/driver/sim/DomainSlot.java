package org.openvrm.driver.sim;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Where one vmId's domain lives. Calls on one domain run one at a time under {@link #lock}; readers see the latest
 * committed record without locking. An empty slot is a domain being defined for the first time or just undefined.
 */
final class DomainSlot {

    final ReentrantLock lock = new ReentrantLock();
    private volatile DomainRecord record;

    DomainSlot() {
    }

    DomainSlot(DomainRecord record) {
        this.record = record;
    }

    /** The committed domain, or null when there is none. */
    DomainRecord record() {
        return record;
    }

    /** Only under {@link #lock}. */
    void set(DomainRecord newRecord) {
        record = newRecord;
    }
}
