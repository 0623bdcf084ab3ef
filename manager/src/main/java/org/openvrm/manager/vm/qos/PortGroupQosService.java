package org.openvrm.manager.vm.qos;

import org.openvrm.api.PortGroupQosUpdate;
import org.openvrm.api.Task;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.task.TaskRunner;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.vm.VmShapeValidator;

/**
 * The API side of changing a port group's shaping: validated with core's rules, then the port group's new QoS and
 * the task that brings it to every NIC following it ({@link PortGroupQosTasks}) are recorded in one transaction.
 * The port group's record changes at once: it is inventory, and VMs not reached yet converge later.
 */
public final class PortGroupQosService {

    private final PortGroupService portGroups;
    private final TaskService tasks;
    private final TaskRunner runner;

    public PortGroupQosService(PortGroupService portGroups, TaskService tasks, TaskRunner runner) {
        this.portGroups = portGroups;
        this.tasks = tasks;
        this.runner = runner;
    }

    public Task update(String portGroupId, PortGroupQosUpdate req) {
        var pg = portGroups.find("id", portGroupId);
        var v = new Validator();
        v.required("qos", req.qos());
        VmShapeValidator.networkQos(v, "qos", req.qos());
        v.throwIfInvalid();
        Task task = portGroups.updateQos(pg.id(), req.qos(),
                h -> tasks.record(h, TaskType.PORTGROUP_QOS_UPDATE, "portgroup", pg.id(), pg.name()));
        runner.submit(task);
        return task;
    }
}
