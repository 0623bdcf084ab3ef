package org.openvrm.manager.vm;

import org.openvrm.manager.testkit.TestStores;

class GuestConsoleDiskEmbeddedTest extends GuestConsoleDiskContract {
    @Override
    TestStores.Kind store() {
        return TestStores.Kind.EMBEDDED;
    }
}
