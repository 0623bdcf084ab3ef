package org.openvrm.manager.http;

import java.util.List;
import java.util.Map;
import org.openvrm.manager.Json;
import org.openvrm.manager.alarm.AlarmService;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.host.remote.AgentEnrollment;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.template.TemplateService;
import org.openvrm.manager.vm.VmReferences;
import org.openvrm.manager.vm.VmService;
import org.openvrm.manager.vm.disk.DiskGrowService;
import org.openvrm.manager.vm.qos.QosRoutesServices;
import org.openvrm.manager.vm.guest.ConsoleService;
import org.openvrm.manager.vm.snapshot.SnapshotService;

/** Assembles the API server from the services; the route classes stay package-private. */
public final class ApiServers {

    private ApiServers() {}

    public static ApiServer create(Json json, ClusterService clusters, HostService hosts, DatastoreService datastores,
                                   PortGroupService portGroups, TemplateService templates, VmReferences refs,
                                   VmService vms, SnapshotService snapshots, TaskService tasks, EventLog events,
                                   Map<String, Object> about, ConsoleService consoles, DiskGrowService grows,
                                   AlarmService alarms, AgentEnrollment enrollment, QosRoutesServices qos) {
        return new ApiServer(json, List.of(
                // before InventoryRoutes, for clarity: /hosts/tokens is not a host id
                new HostTokenRoutes(enrollment),
                new InventoryRoutes(clusters, hosts, datastores, portGroups, templates, refs),
                // before VmRoutes: POST /vms/{id}/snapshots must not be taken for an action named "snapshots"
                new SnapshotRoutes(snapshots),
                new VmRoutes(vms),
                new TaskRoutes(tasks, events),
                new ConsoleRoutes(consoles),
                new DiskRoutes(grows),
                new AlarmRoutes(alarms),
                new QosRoutes(qos)), about);
    }
}
