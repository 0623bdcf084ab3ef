-- Alarms: conditions that need an operator, raised and cleared by the manager (today: host liveness).
-- Version 2.2 (after disk_grows' 2.1): other branches may add their own versions; distinct versions merge cleanly.
-- At most one active alarm per (code, resource): active_key is "code/resourceType/resourceId" while the alarm is
-- active and NULL once cleared, and a UNIQUE column allows any number of NULLs (H2 and PostgreSQL alike), so the
-- store itself refuses a second active alarm while cleared ones pile up as history.
CREATE TABLE alarms (
    id              VARCHAR(40)   PRIMARY KEY,
    code            VARCHAR(60)   NOT NULL,
    severity        VARCHAR(10)   NOT NULL,
    resource_type   VARCHAR(20)   NOT NULL,
    resource_id     VARCHAR(40)   NOT NULL,
    resource_name   VARCHAR(200)  NOT NULL,
    message         VARCHAR(4000) NOT NULL,
    raised_ms       BIGINT        NOT NULL,
    cleared_ms      BIGINT,
    acknowledged_ms BIGINT,
    active_key      VARCHAR(200)  UNIQUE
);
CREATE INDEX alarms_resource ON alarms (resource_id);
CREATE INDEX alarms_raised ON alarms (raised_ms);
