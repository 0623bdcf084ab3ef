package org.openvrm.manager.host.remote;

import org.openvrm.manager.testkit.TestStores;

/** Tokens, certificates and revocation on PostgreSQL. */
class RemoteAgentPostgresTest extends RemoteAgentTest {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
