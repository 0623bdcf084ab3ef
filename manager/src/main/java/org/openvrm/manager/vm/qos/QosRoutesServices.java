package org.openvrm.manager.vm.qos;

import java.util.Objects;

/** What the QoS routes need, handed to the API server as one: changing and reading a VM's, changing a port group's. */
public record QosRoutesServices(VmQosService vms, VmQosViews views, PortGroupQosService portGroups) {

    public QosRoutesServices {
        Objects.requireNonNull(vms, "vms is null");
        Objects.requireNonNull(views, "views is null");
        Objects.requireNonNull(portGroups, "portGroups is null");
    }
}
