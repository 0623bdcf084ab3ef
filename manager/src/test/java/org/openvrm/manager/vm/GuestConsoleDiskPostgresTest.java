package org.openvrm.manager.vm;

import org.openvrm.manager.testkit.TestStores;

class GuestConsoleDiskPostgresTest extends GuestConsoleDiskContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
