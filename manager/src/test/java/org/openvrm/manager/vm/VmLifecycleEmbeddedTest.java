package org.openvrm.manager.vm;

import org.openvrm.manager.testkit.TestStores;

class VmLifecycleEmbeddedTest extends VmLifecycleContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.EMBEDDED;
    }
}
