package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.page;
import static org.openvrm.cli.Fixtures.problem;
import static org.openvrm.cli.Fixtures.task;
import static org.openvrm.cli.Fixtures.vrm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code vrm vm hibernate}: a power verb like the others, against a stub manager. */
class HibernateCommandTest {

    private final StubServer stub = new StubServer();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void hibernatePostsTheVerbForEachVmAndReportsARefusal() {
        stub.on("GET /api/v1/vms?limit=2&name=web-1", 200,
                        page(1, 0, 2, Fixtures.vm("vm-00000000000000a1", "web-1", "RUNNING", null)))
                .on("GET /api/v1/vms?limit=2&name=web-2", 200,
                        page(1, 0, 2, Fixtures.vm("vm-00000000000000a2", "web-2", "STOPPED", null)))
                .on("POST /api/v1/vms/vm-00000000000000a1/hibernate", 202,
                        task("task-0000000000000001", "vm.hibernate", "vm-00000000000000a1", "web-1", "RUNNING", 0))
                .on("POST /api/v1/vms/vm-00000000000000a2/hibernate", 409, problem(409, "VM_INVALID_STATE",
                        "cannot hibernate a VM that is STOPPED", "state", null));

        var run = vrm(stub.url(), "vm", "hibernate", "web-1", "web-2");

        assertThat(run.exit()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(stub.lines()).contains("POST /api/v1/vms/vm-00000000000000a1/hibernate",
                "POST /api/v1/vms/vm-00000000000000a2/hibernate");
        assertThat(run.out()).contains("vm.hibernate");
        assertThat(run.err()).contains("web-2").contains("cannot hibernate a VM that is STOPPED");
    }
}
