package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;
import static org.openvrm.manager.http.Responses.accepted;
import static org.openvrm.manager.http.Responses.query;

import io.javalin.Javalin;
import org.openvrm.api.Cluster;
import org.openvrm.api.ClusterCreate;
import org.openvrm.api.DatastoreCreate;
import org.openvrm.api.HostAdd;
import org.openvrm.api.Page;
import org.openvrm.api.PortGroupCreate;
import org.openvrm.api.TemplateCreate;
import org.openvrm.manager.cluster.ClusterRecord;
import org.openvrm.manager.cluster.ClusterRepository;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.datastore.DatastoreRepository;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.host.HostCapacityView;
import org.openvrm.manager.host.HostRepository;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.network.PortGroupRepository;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.template.TemplateService;
import org.openvrm.manager.vm.VmReferences;

/** Clusters, hosts, datastores, port groups and templates: list, get, create, delete. */
final class InventoryRoutes implements Routes {

    private final ClusterService clusters;
    private final HostService hosts;
    private final DatastoreService datastores;
    private final PortGroupService portGroups;
    private final TemplateService templates;
    private final VmReferences refs;

    InventoryRoutes(ClusterService clusters, HostService hosts, DatastoreService datastores,
                    PortGroupService portGroups, TemplateService templates, VmReferences refs) {
        this.clusters = clusters;
        this.hosts = hosts;
        this.datastores = datastores;
        this.portGroups = portGroups;
        this.templates = templates;
        this.refs = refs;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.get(API + "/clusters", ctx -> {
            Page<ClusterRecord> page = clusters.list(query(ctx, ClusterRepository.FILTERS.names()));
            ctx.json(new Page<>(page.items().stream().map(this::cluster).toList(), page.total(), page.offset(),
                    page.limit()));
        });
        app.get(API + "/clusters/{id}", ctx -> ctx.json(cluster(clusters.require("id", ctx.pathParam("id")))));
        app.post(API + "/clusters", ctx -> accepted(ctx, clusters.create(body.read(ctx, ClusterCreate.class))));
        app.delete(API + "/clusters/{id}", ctx -> accepted(ctx, clusters.delete(ctx.pathParam("id"))));

        app.get(API + "/hosts", ctx -> ctx.json(hosts.list(query(ctx, HostRepository.FILTERS.names()))));
        app.get(API + "/hosts/{id}", ctx -> ctx.json(hosts.get(ctx.pathParam("id"))));
        app.post(API + "/hosts", ctx -> accepted(ctx, hosts.add(body.read(ctx, HostAdd.class))));
        app.delete(API + "/hosts/{id}", ctx -> accepted(ctx, hosts.remove(ctx.pathParam("id"))));

        app.get(API + "/datastores", ctx -> ctx.json(datastores.list(query(ctx,
                DatastoreRepository.FILTERS.names()))));
        app.get(API + "/datastores/{id}", ctx -> ctx.json(datastores.get(ctx.pathParam("id"))));
        app.post(API + "/datastores", ctx -> accepted(ctx,
                datastores.create(body.read(ctx, DatastoreCreate.class))));
        app.delete(API + "/datastores/{id}", ctx -> accepted(ctx, datastores.delete(ctx.pathParam("id"))));

        app.get(API + "/portgroups", ctx -> ctx.json(portGroups.list(query(ctx,
                PortGroupRepository.FILTERS.names()))));
        app.get(API + "/portgroups/{id}", ctx -> ctx.json(portGroups.find("id", ctx.pathParam("id"))));
        app.post(API + "/portgroups", ctx -> accepted(ctx,
                portGroups.create(body.read(ctx, PortGroupCreate.class))));
        app.delete(API + "/portgroups/{id}", ctx -> accepted(ctx, portGroups.delete(ctx.pathParam("id"))));

        app.get(API + "/templates", ctx -> ctx.json(templates.list(query(ctx, TemplateService.FILTERS.names()))));
        app.get(API + "/templates/{id}", ctx -> ctx.json(templates.require("id", ctx.pathParam("id"))));
        app.post(API + "/templates", ctx -> accepted(ctx,
                templates.create(body.read(ctx, TemplateCreate.class), refs)));
        app.delete(API + "/templates/{id}", ctx -> accepted(ctx, templates.delete(ctx.pathParam("id"))));
    }

    private Cluster cluster(ClusterRecord c) {
        var members = hosts.inCluster(c.id()).stream().map(hosts::view)
                .filter(h -> h.capacity() != null && "CONNECTED".equals(h.state())).toList();
        int vms = members.stream().mapToInt(h -> h.capacity().used().vms()).sum();
        return new Cluster(c.id(), c.name(), c.description(), c.memoryOvercommit(),
                HostCapacityView.sum(members.stream().map(h -> h.capacity()).toList(), vms), c.createdAt());
    }
}
