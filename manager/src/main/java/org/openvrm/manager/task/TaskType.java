package org.openvrm.manager.task;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of task. Inventory changes that need no host finish inside the request ({@code async = false}: the
 * task is recorded already SUCCEEDED); the rest run in the background and resume after a manager restart.
 */
public enum TaskType {
    CLUSTER_CREATE("cluster.create", false),
    CLUSTER_DELETE("cluster.delete", false),
    DATASTORE_CREATE("datastore.create", false),
    DATASTORE_DELETE("datastore.delete", false),
    PORTGROUP_CREATE("portgroup.create", false),
    PORTGROUP_DELETE("portgroup.delete", false),
    TEMPLATE_CREATE("template.create", false),
    TEMPLATE_DELETE("template.delete", false),
    HOST_ADD("host.add", true),
    HOST_REMOVE("host.remove", true),
    VM_CREATE("vm.create", true),
    VM_START("vm.start", true),
    VM_SHUTDOWN("vm.shutdown", true),
    VM_STOP("vm.stop", true),
    VM_REBOOT("vm.reboot", true),
    VM_SUSPEND("vm.suspend", true),
    VM_RESUME("vm.resume", true),
    VM_DELETE("vm.delete", true),
    VM_DISK_GROW("vm.disk.grow", true),
    VM_HIBERNATE("vm.hibernate", true),
    VM_QOS_UPDATE("vm.qos.update", true),
    PORTGROUP_QOS_UPDATE("portgroup.qos.update", true),
    SNAPSHOT_CREATE("snapshot.create", true),
    SNAPSHOT_REVERT("snapshot.revert", true),
    SNAPSHOT_DELETE("snapshot.delete", true);

    private static final Map<String, TaskType> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toMap(TaskType::wire, Function.identity()));

    private final String wire;
    private final boolean async;

    TaskType(String wire, boolean async) {
        this.wire = wire;
        this.async = async;
    }

    public String wire() {
        return wire;
    }

    public boolean async() {
        return async;
    }

    public static TaskType fromWire(String wire) {
        TaskType t = BY_WIRE.get(wire);
        if (t == null) {
            throw new IllegalArgumentException("unknown task type " + wire);
        }
        return t;
    }
}
