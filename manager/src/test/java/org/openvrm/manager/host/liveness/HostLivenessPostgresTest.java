package org.openvrm.manager.host.liveness;

import org.openvrm.manager.testkit.TestStores;

class HostLivenessPostgresTest extends HostLivenessContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
