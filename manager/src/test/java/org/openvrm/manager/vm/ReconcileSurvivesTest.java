package org.openvrm.manager.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.openvrm.agent.Agent;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Json;
import org.openvrm.manager.datastore.DatastoreRepository;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.network.PortGroupRepository;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.TaskRepository;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * A host that forgot its VMs, one of which cannot be defined again now (a CPU limit while the host's clock is
 * unknown: DomainSpecs throws HOST_HARDWARE_UNKNOWN): the reconcile records that VM's failure as an event and still
 * defines the host's other VMs again.
 */
class ReconcileSurvivesTest {

    @Test
    void aVmThatCannotBeDefinedDoesNotStopTheOthers() {
        var manager = TestManager.start(TestStores.Kind.EMBEDDED);
        var api = manager.api();
        api.create("/datastores", "{\"name\":\"ds1\",\"type\":\"dir\",\"path\":\"/srv/ds1\",\"capacityMb\":100000}");
        api.create("/portgroups", "{\"name\":\"pg1\"}");
        manager.clusterWithHosts("c", 1, 4, 2400, 16384, 0);
        String hostId = api.get("/hosts").body().at("/items/0/id").asText();
        String capped = api.create("/vms", "{\"name\":\"a-capped\",\"vcpus\":1,\"memoryMb\":512,"
                + "\"cpuQos\":{\"limitMhz\":1200}}");
        String plain = api.create("/vms", "{\"name\":\"b-plain\",\"vcpus\":1,\"memoryMb\":512}");
        manager.close();

        Json json = new Json();
        try (var db = new Database(manager.store());
             var agent = new Agent(new SimulatedDriver(SimHostConfig.of("forgetful", 4, 2400, 16384)), e -> { }, 16)) {
            Clock clock = Clock.systemUTC();
            var tasks = new TaskService(db, new TaskRepository(json), clock, new Ids());
            var events = new EventLog(db, clock);
            var repo = new VmRepository(json);
            var states = new VmStates(db, repo, new HostLedger(), events, clock);
            var specs = new DomainSpecs(new DatastoreService(db, new DatastoreRepository(), tasks, clock, new Ids()),
                    new PortGroupService(db, new PortGroupRepository(json), tasks, clock, new Ids()),
                    id -> OptionalInt.empty()); // the host's clock is not known
            var observer = new VmObserver(db, repo, states, specs, events);

            observer.reconcile(hostId, agent.report(), agent);

            assertThat(agent.domain(plain)).as("the other VM was defined again").isPresent();
            assertThat(agent.domain(capped)).isEmpty();
            var failed = db.read(h -> h.createQuery("SELECT message FROM events WHERE type = 'vm.reconcile.failed' "
                    + "AND target_id = :vm").bind("vm", capped).mapTo(String.class).list());
            assertThat(failed).singleElement().asString().contains("HOST_HARDWARE_UNKNOWN");
            assertThat(db.read(h -> repo.find(h, capped)).orElseThrow().state().name()).isEqualTo("STOPPED");
        }
    }
}
