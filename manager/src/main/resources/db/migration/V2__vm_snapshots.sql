-- Snapshots are inventory the manager keeps: the host holds the disks and memory, this table what should exist.
-- The manager chooses the id (valid as a hypervisor snapshot name) and the time; rows go with their VM (CASCADE),
-- since undefining a domain removes its snapshots on the host too.

CREATE TABLE vm_snapshots (
    id          VARCHAR(64)   PRIMARY KEY,
    vm_id       VARCHAR(40)   NOT NULL REFERENCES vms (id) ON DELETE CASCADE,
    name        VARCHAR(80)   NOT NULL,
    description VARCHAR(1000),
    -- CREATING until the host has taken it, READY, DELETING while its deletion runs
    state       VARCHAR(16)   NOT NULL,
    -- the VM's state when the host took it (RUNNING, SUSPENDED or STOPPED); null while CREATING
    vm_state    VARCHAR(16),
    task_id     VARCHAR(40)   NOT NULL,
    created_ms  BIGINT        NOT NULL,
    CONSTRAINT vm_snapshots_name UNIQUE (vm_id, name)
);
