package org.openvrm.manager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvrm.api.ClusterCreate;
import org.openvrm.api.DatastoreCreate;
import org.openvrm.api.HostAdd;
import org.openvrm.api.PortGroupCreate;
import org.openvrm.api.SimHostSpec;
import org.openvrm.core.placement.PlacementPolicy;
import org.openvrm.core.placement.Placer;
import org.openvrm.manager.cluster.ClusterRepository;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.datastore.DatastoreRepository;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.host.AgentRegistry;
import org.openvrm.manager.host.HostAwait;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostRepository;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.host.HostState;
import org.openvrm.manager.host.HostTasks;
import org.openvrm.manager.host.liveness.HostMonitor;
import org.openvrm.manager.host.liveness.LastHeard;
import org.openvrm.manager.alarm.AlarmRepository;
import org.openvrm.manager.alarm.AlarmService;
import org.openvrm.driver.sim.SimFaults;
import org.openvrm.manager.host.remote.AgentEnrollment;
import org.openvrm.manager.host.remote.AgentGatewayServer;
import org.openvrm.manager.host.remote.AgentRenewals;
import org.openvrm.manager.host.remote.ManagerCa;
import org.openvrm.manager.host.remote.RemoteHosts;
import org.openvrm.manager.http.ApiServers;
import org.openvrm.manager.network.PortGroupRepository;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.placement.PlacementService;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.manager.task.TaskProgress;
import org.openvrm.manager.task.TaskRepository;
import org.openvrm.manager.task.TaskRunner;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.template.TemplateService;
import org.openvrm.manager.vm.DomainSpecs;
import org.openvrm.manager.vm.VmObserver;
import org.openvrm.manager.vm.VmReferences;
import org.openvrm.manager.vm.VmRepository;
import org.openvrm.manager.vm.VmService;
import org.openvrm.manager.vm.VmShapeValidator;
import org.openvrm.manager.vm.VmStates;
import org.openvrm.manager.vm.VmTasks;
import org.openvrm.manager.vm.snapshot.SnapshotRepository;
import org.openvrm.manager.vm.snapshot.SnapshotService;
import org.openvrm.manager.vm.snapshot.SnapshotTasks;
import org.openvrm.manager.host.HostLedger.Footprint;
import org.openvrm.manager.vm.disk.DiskGrowRepository;
import org.openvrm.manager.vm.disk.DiskGrowService;
import org.openvrm.manager.vm.disk.DiskGrowTasks;
import org.openvrm.manager.vm.qos.PortGroupQosService;
import org.openvrm.manager.vm.qos.PortGroupQosTasks;
import org.openvrm.manager.vm.qos.QosChangeRepository;
import org.openvrm.manager.vm.qos.QosRoutesServices;
import org.openvrm.manager.vm.qos.VmQosService;
import org.openvrm.manager.vm.qos.VmQosTasks;
import org.openvrm.manager.vm.qos.VmQosViews;
import org.openvrm.manager.vm.guest.ConsoleService;
import org.openvrm.manager.vm.guest.GuestFacts;
import org.openvrm.protocol.AgentEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRM process, wired by hand: every dependency is visible here, in construction order. Start-up converges
 * before it serves: hosts reconnect and report, VMs are reconciled, unfinished tasks resume, then the API opens.
 */
public final class Manager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Manager.class);

    private final ManagerConfig config;
    private final Database db;
    private final AgentRegistry agents;
    private final TaskRunner runner;
    private final HostService hosts;
    private final HostTasks hostTasks;
    private final ClusterService clusters;
    private final DatastoreService datastores;
    private final PortGroupService portGroups;
    private final HostMonitor monitor;
    private final org.openvrm.manager.http.ApiServer api;
    private final StopSignal stop = new StopSignal();
    private final AgentEnrollment enrollment;
    private final AgentGatewayServer gateway;
    private int agentPort = -1;
    /** A command may run long on its host (a thick disk, a guest's shutdown); a query answers at once. */
    private static final java.time.Duration AGENT_COMMAND_TIMEOUT = java.time.Duration.ofMinutes(30);
    private static final java.time.Duration AGENT_QUERY_TIMEOUT = java.time.Duration.ofSeconds(60);
    private int port = -1;
    private String localHostNote;

    public Manager(ManagerConfig config, Clock clock, Ids ids) {
        this.config = config;
        clock = Clock.tick(clock, java.time.Duration.ofMillis(1)); // the store keeps milliseconds: so does the API
        Path simRoot = config.dataDir().resolve("sim-hosts");
        this.db = new Database(config.store());
        try {
            Json json = new Json();
            var vmRepo = new VmRepository(json);
            var ledger = new HostLedger();
            var taskService = new TaskService(db, new TaskRepository(json), clock, ids);
            var events = new EventLog(db, clock);
            this.clusters = new ClusterService(db, new ClusterRepository(), taskService, clock, ids);
            this.datastores = new DatastoreService(db, new DatastoreRepository(), taskService, clock, ids);
            this.portGroups = new PortGroupService(db, new PortGroupRepository(json), taskService, clock, ids);
            var states = new VmStates(db, vmRepo, ledger, events, clock);
            var hostRepo = new HostRepository(json);
            // CPU limits are MHz in the API and a share of the host's clock on the host: read the reported clock
            var specs = new DomainSpecs(datastores, portGroups, hostId -> db.read(h -> hostRepo.find(h, hostId))
                    .map(HostRecord::hardware).map(hw -> java.util.OptionalInt.of(hw.mhz()))
                    .orElse(java.util.OptionalInt.empty()));
            var observer = new VmObserver(db, vmRepo, states, specs, events);
            var guests = new GuestFacts();
            var lastHeard = new LastHeard(clock);
            var alarms = new AlarmService(db, new AlarmRepository(), events, clock, ids);
            java.util.function.BiConsumer<String, AgentEvent> agentEvents = (hostId, event) -> {
                switch (event) {
                    case AgentEvent.GuestChanged g -> guests.changed(hostId, g.vmId(), g.info());
                    case AgentEvent.DomainChanged c -> observer.onEvent(hostId, c);
                }
            };
            this.agents = new AgentRegistry(simRoot, config.libvirt(), agentEvents,
                    java.time.Duration.ofMillis(config.guestPollMillis()), config.liveness().interval(),
                    lastHeard::heard);
            // A task's command waits for its host while the host is away (HostAwait); liveness normally ends the
            // wait (FAILED after failAfter of silence); the bound is a backstop, longer than that. The host service
            // is made below (it needs the runner, which needs these handlers): looked up late.
            var liveness = config.liveness();
            var hostServiceRef = new HostService[1];
            var hostAwait = new HostAwait(id -> hostServiceRef[0].find(id), agents::agent, stop,
                    liveness.failAfter().plus(liveness.disconnectAfter()), java.time.Duration.ofMillis(200));
            var vmTasks = new VmTasks(states, hostAwait, specs, config.shutdownTimeoutMillis(), stop, events);
            var qosChanges = new QosChangeRepository(json);
            var qosTasks = new VmQosTasks(db, qosChanges, states, specs, hostAwait, ledger, events, clock, stop);
            var portGroupQosTasks = new PortGroupQosTasks(portGroups, states, specs, agents, events, stop);
            var diskGrows = new DiskGrowRepository(json);
            var diskGrowTasks = new DiskGrowTasks(db, diskGrows, states, hostAwait, events, clock, stop);
            var snapshotRepo = new SnapshotRepository();
            var snapshotTasks = new SnapshotTasks(db, snapshotRepo, states, hostAwait, stop);
            // The runner needs the host tasks, which need the host service, which submits to the runner:
            // the handler lookup is late-bound through this holder, set once below.
            var hostTaskRef = new HostTasks[1];
            this.runner = new TaskRunner(taskService, type -> switch (type) {
                case HOST_ADD -> hostTaskRef[0]::add;
                case HOST_REMOVE -> hostTaskRef[0]::remove;
                case VM_CREATE, VM_START, VM_SHUTDOWN, VM_STOP, VM_REBOOT, VM_SUSPEND, VM_RESUME, VM_DELETE,
                     VM_HIBERNATE -> vmTasks::run;
                case VM_DISK_GROW -> diskGrowTasks::run;
                case VM_QOS_UPDATE -> qosTasks::run;
                case PORTGROUP_QOS_UPDATE -> portGroupQosTasks::run;
                case SNAPSHOT_CREATE, SNAPSHOT_REVERT, SNAPSHOT_DELETE -> snapshotTasks::run;
                case CLUSTER_CREATE, CLUSTER_DELETE, DATASTORE_CREATE, DATASTORE_DELETE, PORTGROUP_CREATE,
                     PORTGROUP_DELETE, TEMPLATE_CREATE, TEMPLATE_DELETE -> (task, progress) -> {
                    throw new TaskFailure("NOT_A_BACKGROUND_TASK", type.wire() + " completes when it is requested");
                };
            }, config.taskMaxAttempts(), stop);
            this.hosts = new HostService(db, hostRepo, clusters, ledger, taskService, runner, clock,
                    ids);
            hostServiceRef[0] = hosts;
            this.monitor = new HostMonitor(hosts, lastHeard, host -> hostTaskRef[0].resync(host),
                    observer::markUnknown, alarms, events, config.liveness(), clock);
            var ca = ManagerCa.openOrCreate(config.dataDir().resolve("pki"), clock, config.agentCertValidity());
            this.enrollment = new AgentEnrollment(db, clusters, hosts, ca, clock, ids);
            this.hostTasks = new HostTasks(hosts, agents, observer::reconcile, events, simRoot, stop, alarms,
                    observer::markUnknown, monitor::forget, enrollment::revoke);
            hostTaskRef[0] = hostTasks;
            this.gateway = new AgentGatewayServer(ManagerConfig.agentAddress(config.agentListen()), ca, enrollment,
                    new AgentRenewals(db, hosts, ca, clock),
                    new RemoteHosts(hostTasks, agentEvents, guests::forgetHost, monitor), AGENT_COMMAND_TIMEOUT,
                    AGENT_QUERY_TIMEOUT);
            var placement = new PlacementService(new Placer(PlacementPolicy.defaults()), ledger);
            var shapes = new VmShapeValidator();
            var refs = new VmReferences(db, vmRepo, clusters, datastores, portGroups, ids);
            var templates = new TemplateService(db, json, taskService, shapes, clock, ids);
            var vms = new VmService(db, vmRepo, shapes, refs, clusters, hosts, templates, placement, ledger,
                    taskService, runner, clock, ids, guests);
            var consoles = new ConsoleService(vms, agents);
            var grows = new DiskGrowService(db, diskGrows, snapshotRepo, vms, hosts, datastores, taskService, runner);
            var snapshots = new SnapshotService(db, snapshotRepo, vmRepo, vms, hosts, clusters, placement, ledger,
                    taskService, runner, clock, ids);
            var qos = new QosRoutesServices(new VmQosService(db, qosChanges, vms, hosts, shapes, placement, ledger,
                    taskService, runner), new VmQosViews(vms, hosts, portGroups, agents),
                    new PortGroupQosService(portGroups, taskService, runner));
            rebuildLedger(ledger, vmRepo);
            this.api = ApiServers.create(json, clusters, hosts, datastores, portGroups, templates, refs, vms,
                    snapshots, taskService, events, about(), consoles, grows, alarms, enrollment, qos);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void rebuildLedger(HostLedger ledger, VmRepository vmRepo) {
        Map<String, List<Footprint>> byHost = new HashMap<>();
        for (var vm : db.read(vmRepo::all)) {
            byHost.computeIfAbsent(vm.hostId(), k -> new java.util.ArrayList<>())
                    .add(new Footprint(vm.id(), vm.spec().demand(), vm.state().poweredOn()));
        }
        ledger.replaceAll(byHost);
    }

    private Map<String, Object> about() {
        return Map.of("product", "OpenVRM", "version", version(), "apiVersion", "v1",
                "store", config.store().jdbcUrl().startsWith("jdbc:h2:") ? "embedded" : "postgresql");
    }

    static String version() {
        String v = Manager.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** Converges with the hosts, resumes unfinished tasks, then serves the API. Returns the port. */
    public int start() {
        for (var host : hosts.all()) {
            if (host.state() != HostState.REMOVING) {
                try {
                    hostTasks.connect(host, NO_PROGRESS);
                } catch (TaskFailure e) {
                    LOG.warn("{}", e.getMessage());
                }
            }
        }
        agentPort = gateway.start(); // remote agents reconnect from here on, each reconciled as it comes
        int resumed = runner.resumeUnfinished();
        if (resumed > 0) {
            LOG.info("resumed {} unfinished tasks", resumed);
        }
        if (config.localHost() && clusters.count() == 0) {
            addLocalHost();
        }
        monitor.start(); // after the reconnects above: every host starts from a fresh report
        port = api.start(config.bindHost(), config.port());
        return port;
    }

    /** First start of the all-in-one manager: one cluster, datastore and port group, and this machine. */
    private void addLocalHost() {
        var machine = LocalMachine.read();
        LocalDriverChoice choice = LocalDriverChoice.choose(config.localDriver(), config.libvirt());
        localHostNote = choice.note();
        String clusterId = clusters.create(new ClusterCreate("local", "this machine", false)).targetId();
        Path dsPath = config.dataDir().resolve("datastores/local").toAbsolutePath();
        long capacityMb;
        try {
            Files.createDirectories(dsPath);
            capacityMb = Math.max(1, Files.getFileStore(dsPath).getUsableSpace() / (1024 * 1024));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the local datastore at " + dsPath, e);
        }
        datastores.create(new DatastoreCreate("local", "dir", dsPath.toString(), capacityMb, "this machine's disk"));
        portGroups.create(new PortGroupCreate("default", null, null, "the default network"));
        hosts.add(choice.libvirt() ? new HostAdd("local", clusterId, HostRecord.LIBVIRT, null)
                : new HostAdd("local", clusterId, HostRecord.SIM, new SimHostSpec(1, machine.cpus(), 1, machine.mhz(),
                        machine.memoryMb(), config.localHostStepDelayMillis())));
    }

    /** What the first start chose for this machine, or how it runs now; for the operator, one line. */
    public String localHostNote() {
        if (localHostNote != null) {
            return localHostNote;
        }
        return hosts.all().stream().filter(h -> h.name().equals("local")).findFirst()
                .map(h -> h.driver().equals(HostRecord.LIBVIRT) ? "libvirt (" + config.libvirt().uri() + ")"
                        : "simulated")
                .orElse("none");
    }

    /** Host liveness: whatever carries a host's messages tells it each time the host is heard from. */
    public HostMonitor hostMonitor() {
        return monitor;
    }

    /**
     * The fault knobs of a simulated host (empty for any other host): for fault drills and tests, e.g. cutting a
     * host off with {@code setUnavailable(true)}. They act on the simulated hypervisor, never on the manager's records.
     */
    public java.util.Optional<SimFaults> simFaults(String hostId) {
        return agents.simFaults(hostId);
    }

    /** The port remote agents dial (gRPC, mutual TLS). */
    public int agentPort() {
        return agentPort;
    }

    public String url() {
        return "http://" + config.bindHost() + ":" + port + "/api/v1";
    }

    @Override
    public void close() {
        stop.stop();
        monitor.close();
        api.close();
        gateway.close();
        agents.close(); // running steps fail at once, and record nothing under the stop signal
        runner.close();
        db.close();
    }

    private static final TaskProgress NO_PROGRESS = new TaskProgress() {
        @Override
        public void report(int percent) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public void completeIn(org.jdbi.v3.core.Handle h, Map<String, Object> result) {
        }
    };
}
