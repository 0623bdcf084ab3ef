package org.openvrm.manager.host.remote;

import org.openvrm.manager.testkit.TestStores;

/** Renewal, its records and revocation on PostgreSQL. */
class AgentCertificateRenewalPostgresTest extends AgentCertificateRenewalTest {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
