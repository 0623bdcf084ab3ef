package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;
import static org.openvrm.manager.http.Responses.accepted;

import io.javalin.Javalin;
import org.openvrm.api.PortGroupQosUpdate;
import org.openvrm.api.VmQosUpdate;
import org.openvrm.manager.vm.qos.QosRoutesServices;

/** QoS changes on running VMs and port groups (tasks), and a VM's QoS as configured and as enforced (a query). */
final class QosRoutes implements Routes {

    private final QosRoutesServices qos;

    QosRoutes(QosRoutesServices qos) {
        this.qos = qos;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.get(API + "/vms/{id}/qos", ctx -> ctx.json(qos.views().get(ctx.pathParam("id"))));
        app.put(API + "/vms/{id}/qos", ctx -> accepted(ctx, qos.vms().update(ctx.pathParam("id"),
                body.read(ctx, VmQosUpdate.class))));
        app.put(API + "/portgroups/{id}/qos", ctx -> accepted(ctx, qos.portGroups().update(ctx.pathParam("id"),
                body.read(ctx, PortGroupQosUpdate.class))));
    }
}
