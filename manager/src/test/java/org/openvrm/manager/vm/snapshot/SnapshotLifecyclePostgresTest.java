package org.openvrm.manager.vm.snapshot;

import org.openvrm.manager.testkit.TestStores;

class SnapshotLifecyclePostgresTest extends SnapshotLifecycleContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
