package org.openvrm.manager.host.remote;

import org.openvrm.manager.testkit.TestStores;

/** Waiting for a remote host, resending, and lastKnownState on PostgreSQL. */
class RemoteTaskWaitPostgresTest extends RemoteTaskWaitTest {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
