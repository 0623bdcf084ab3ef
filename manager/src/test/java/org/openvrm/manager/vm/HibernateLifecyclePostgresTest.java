package org.openvrm.manager.vm;

import org.openvrm.manager.testkit.TestStores;

class HibernateLifecyclePostgresTest extends HibernateLifecycleContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.POSTGRESQL;
    }
}
