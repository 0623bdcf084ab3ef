package org.openvrm.manager.vm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Page;
import org.openvrm.api.Vm.VmDisk;
import org.openvrm.api.Vm.VmNic;
import org.openvrm.core.vm.VmState;
import org.openvrm.manager.Json;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

public final class VmRepository {

    public static final Filters FILTERS = new Filters(Map.of(
            "name", "name", "state", "state", "hostId", "host_id", "clusterId", "cluster_id",
            "templateId", "template_id"));

    private final Json json;
    private final RowMapper<VmRecord> mapper;

    public VmRepository(Json json) {
        this.json = json;
        this.mapper = (rs, ctx) -> new VmRecord(
                rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getString("cluster_id"),
                rs.getString("host_id"), rs.getString("template_id"), VmState.valueOf(rs.getString("state")),
                json.readStored(rs.getString("spec"), VmSpec.class), rs.getLong("generation"),
                Instant.ofEpochMilli(rs.getLong("created_ms")), Instant.ofEpochMilli(rs.getLong("updated_ms")),
                rs.getString("last_known_state") == null ? null : VmState.valueOf(rs.getString("last_known_state")));
    }

    /** Inserts the VM with the index rows of its disks and NICs (the MAC unique constraint lives there). */
    public void insert(Handle h, VmRecord vm) {
        h.createUpdate("INSERT INTO vms (id, name, description, cluster_id, host_id, template_id, state, spec, "
                        + "generation, created_ms, updated_ms) VALUES (:id, :name, :description, :cluster, :host, "
                        + ":template, :state, :spec, :generation, :created, :updated)")
                .bind("id", vm.id()).bind("name", vm.name()).bind("description", vm.description())
                .bind("cluster", vm.clusterId()).bind("host", vm.hostId()).bind("template", vm.templateId())
                .bind("state", vm.state().name()).bind("spec", json.write(vm.spec()))
                .bind("generation", vm.generation()).bind("created", vm.createdAt().toEpochMilli())
                .bind("updated", vm.updatedAt().toEpochMilli())
                .execute();
        var disks = h.prepareBatch("INSERT INTO vm_disks (vm_id, disk_index, datastore_id, size_mb, thick) "
                + "VALUES (:vm, :index, :datastore, :size, :thick)");
        for (VmDisk d : vm.spec().disks()) {
            disks.bind("vm", vm.id()).bind("index", d.index()).bind("datastore", d.datastoreId())
                    .bind("size", d.sizeMb()).bind("thick", "thick".equals(d.provisioning())).add();
        }
        if (!vm.spec().disks().isEmpty()) {
            disks.execute();
        }
        var nics = h.prepareBatch("INSERT INTO vm_nics (vm_id, nic_index, port_group_id, mac) "
                + "VALUES (:vm, :index, :portGroup, :mac)");
        for (VmNic n : vm.spec().nics()) {
            nics.bind("vm", vm.id()).bind("index", n.index()).bind("portGroup", n.portGroupId())
                    .bind("mac", n.mac()).add();
        }
        if (!vm.spec().nics().isEmpty()) {
            nics.execute();
        }
    }

    public Optional<VmRecord> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM vms WHERE id = :id").bind("id", id).map(mapper).findOne();
    }

    public Page<VmRecord> list(Handle h, ListQuery q) {
        return Pages.page(h, "vms", FILTERS, q, "name, id", mapper);
    }

    public List<VmRecord> all(Handle h) {
        return h.createQuery("SELECT * FROM vms").map(mapper).list();
    }

    public List<VmRecord> onHost(Handle h, String hostId) {
        return h.createQuery("SELECT * FROM vms WHERE host_id = :host").bind("host", hostId).map(mapper).list();
    }

    public boolean macTaken(Handle h, String mac) {
        return h.createQuery("SELECT COUNT(*) FROM vm_nics WHERE mac = :mac").bind("mac", mac)
                .mapTo(Integer.class).one() > 0;
    }

    /**
     * Moves the VM from {@code from} to {@code to} only if it is still in {@code from}: the race-free step. Every
     * state change passes here, so here a VM that becomes UNKNOWN keeps the state it had ({@code last_known_state},
     * shown while it is UNKNOWN), and any move out of UNKNOWN (its host reported) forgets it.
     */
    public boolean compareAndSetState(Handle h, String id, VmState from, VmState to, Instant now) {
        if (from == to) {
            return h.createUpdate("UPDATE vms SET updated_ms = :now WHERE id = :id AND state = :from")
                    .bind("id", id).bind("from", from.name()).bind("now", now.toEpochMilli()).execute() == 1;
        }
        String last = to == VmState.UNKNOWN ? from.name() : null;
        return h.createUpdate("UPDATE vms SET state = :to, last_known_state = :last, updated_ms = :now "
                        + "WHERE id = :id AND state = :from")
                .bind("id", id).bind("from", from.name()).bind("to", to.name()).bind("last", last)
                .bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    public void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM vm_nics WHERE vm_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM vm_disks WHERE vm_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM vms WHERE id = :id").bind("id", id).execute();
    }
}
