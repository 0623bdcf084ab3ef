package org.openvrm.manager.vm.qos;

import org.openvrm.manager.testkit.TestStores;

class QosLifecycleEmbeddedTest extends QosLifecycleContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.EMBEDDED;
    }
}
