-- What each vm.qos.update task was asked to do, written with the task, so that a task resumed after a manager restart
-- applies the same change. The VM's own QoS (in vms.spec) changes only when the task ends, in the same transaction.
-- Version 2.5: 2.2 and later may be taken by other work (alarms, tokens); distinct versions merge cleanly.
CREATE TABLE vm_qos_changes (
    task_id VARCHAR(40) PRIMARY KEY,
    vm_id   VARCHAR(40) NOT NULL,
    qos_change VARCHAR(100000) NOT NULL
);
CREATE INDEX vm_qos_changes_vm ON vm_qos_changes (vm_id);
