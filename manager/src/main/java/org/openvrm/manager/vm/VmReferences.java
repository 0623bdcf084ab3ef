package org.openvrm.manager.vm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openvrm.api.Datastore;
import org.openvrm.api.Vm.VmDisk;
import org.openvrm.manager.Ids;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.store.Database;

/**
 * Resolves what a VM request points at. Where a reference is left out and exactly one candidate exists (the
 * all-in-one set-up has one cluster, datastore and port group) that one is used; otherwise it is required.
 */
public final class VmReferences implements VmShapeValidator.Refs {

    private final Database db;
    private final VmRepository vms;
    private final ClusterService clusters;
    private final DatastoreService datastores;
    private final PortGroupService portGroups;
    private final Ids ids;

    public VmReferences(Database db, VmRepository vms, ClusterService clusters, DatastoreService datastores,
                        PortGroupService portGroups, Ids ids) {
        this.db = db;
        this.vms = vms;
        this.clusters = clusters;
        this.datastores = datastores;
        this.portGroups = portGroups;
        this.ids = ids;
    }

    @Override
    public String datastore(Validator v, String field, String requested) {
        if (requested == null) {
            return only(v, field, "datastore", datastores.count(), datastores.onlyId());
        }
        return datastores.require(field, requested).id(); // unknown: 404 naming the field
    }

    @Override
    public String portGroup(Validator v, String field, String requested) {
        if (requested == null) {
            return only(v, field, "port group", portGroups.count(), portGroups.onlyId());
        }
        return portGroups.find(field, requested).id();
    }

    @Override
    public String mac(Validator v, String field, String requested) {
        if (requested != null) {
            return requested; // checked against other VMs inside the creating transaction
        }
        for (int i = 0; i < 16; i++) {
            String mac = ids.nextMac();
            if (!db.read(h -> vms.macTaken(h, mac))) {
                return mac;
            }
        }
        v.add(field, "MAC_POOL_EXHAUSTED", "no free MAC address found; give one explicitly");
        return null;
    }

    /** The one cluster, when there is exactly one and the request named none. */
    String onlyCluster(Validator v) {
        return only(v, "clusterId", "cluster", clusters.count(), clusters.onlyId());
    }

    /** Thick disks take their whole size at once: refuse what the datastore cannot hold. */
    void checkThickSpace(VmSpec spec) {
        Map<String, Long> wanted = new HashMap<>();
        for (VmDisk d : spec.disks()) {
            if ("thick".equals(d.provisioning())) {
                wanted.merge(d.datastoreId(), d.sizeMb(), Long::sum);
            }
        }
        for (var e : wanted.entrySet()) {
            Datastore ds = datastores.require("datastoreId", e.getKey());
            long free = ds.capacityMb() - datastores.thickProvisionedMb(ds.id());
            if (e.getValue() > free) {
                int index = spec.disks().stream().filter(d -> d.datastoreId().equals(ds.id())).findFirst()
                        .orElseThrow().index();
                throw new Conflict("DATASTORE_FULL", "disks[" + index + "].sizeMb", "datastore " + ds.name()
                        + " has " + free + " MB left for thick disks; these need " + e.getValue() + " MB");
            }
        }
    }

    private static String only(Validator v, String field, String kind, long count, Optional<String> onlyId) {
        if (onlyId.isPresent()) {
            return onlyId.get();
        }
        v.add(field, "FIELD_REQUIRED", field + " is required: there are " + count + " " + kind + "s to choose from");
        return null;
    }
}
