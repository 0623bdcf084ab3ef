package org.openvrm.manager.network;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.Page;
import org.openvrm.api.PortGroup;
import org.openvrm.manager.Json;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

public final class PortGroupRepository {

    public static final Filters FILTERS = new Filters(Map.of("name", "name", "bridge", "bridge"));
    private final Json json;
    private final RowMapper<PortGroup> mapper;

    public PortGroupRepository(Json json) {
        this.json = json;
        this.mapper = (rs, ctx) -> new PortGroup(
                rs.getString("id"), rs.getString("name"), (Integer) rs.getObject("vlan_id"), rs.getString("bridge"),
                rs.getString("qos") == null ? null : json.readStored(rs.getString("qos"), NetworkQos.class),
                rs.getString("description"), Instant.ofEpochMilli(rs.getLong("created_ms")));
    }

    public void insert(Handle h, PortGroup p) {
        h.createUpdate("INSERT INTO port_groups (id, name, vlan_id, bridge, qos, description, created_ms) "
                        + "VALUES (:id, :name, :vlan, :bridge, :qos, :description, :created)")
                .bind("id", p.id()).bind("name", p.name()).bind("vlan", p.vlanId()).bind("bridge", p.bridge())
                .bind("qos", p.qos() == null ? null : json.write(p.qos())).bind("description", p.description())
                .bind("created", p.createdAt().toEpochMilli())
                .execute();
    }

    /** Returns false when the port group no longer exists. */
    public boolean updateQos(Handle h, String id, NetworkQos qos) {
        return h.createUpdate("UPDATE port_groups SET qos = :qos WHERE id = :id")
                .bind("qos", qos == null ? null : json.write(qos)).bind("id", id).execute() == 1;
    }

    /** The VMs with a NIC on the port group, each once, by id. */
    public java.util.List<String> vmsOn(Handle h, String id) {
        return h.createQuery("SELECT DISTINCT vm_id FROM vm_nics WHERE port_group_id = :id ORDER BY vm_id")
                .bind("id", id).mapTo(String.class).list();
    }

    public Page<PortGroup> list(Handle h, ListQuery q) {
        return Pages.page(h, "port_groups", FILTERS, q, "name, id", mapper);
    }

    public int nicsOn(Handle h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM vm_nics WHERE port_group_id = :id").bind("id", id)
                .mapTo(Integer.class).one();
    }

    public void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM port_groups WHERE id = :id").bind("id", id).execute();
    }
}
