package org.openvrm.manager.vm;

import org.openvrm.manager.testkit.TestStores;

class HibernateLifecycleEmbeddedTest extends HibernateLifecycleContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.EMBEDDED;
    }
}
