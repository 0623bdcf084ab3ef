-- What each disk-grow task was asked to do, written with the task, so a task resumed after a manager restart
-- knows its disk and size. The VM's own disk size changes only when the task ends (in the same transaction).
-- Version 2.1, not 2: the snapshot work may take version 2 on its own branch; distinct versions merge cleanly.
CREATE TABLE disk_grows (
    task_id VARCHAR(40) PRIMARY KEY,
    vm_id   VARCHAR(40) NOT NULL,
    disk_id VARCHAR(80) NOT NULL,
    size_mb BIGINT      NOT NULL
);
CREATE INDEX disk_grows_vm ON disk_grows (vm_id);
