package org.openvrm.manager.vm;

import org.openvrm.manager.testkit.TestStores;

class VmLifecyclePostgresTest extends VmLifecycleContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
