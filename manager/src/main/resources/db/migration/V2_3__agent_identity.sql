-- Remote agents (issue 4). A bootstrap token is kept only as the SHA-256 of its secret, with its expiry; it is
-- consumed (used_ms set) in the transaction that creates the host it registers. Version 2.3: next free after 2.2 (alarms).
CREATE TABLE bootstrap_tokens (
    id            VARCHAR(40)  PRIMARY KEY,
    secret_sha256 VARCHAR(64)  NOT NULL,
    cluster_id    VARCHAR(40)  NOT NULL,
    host_name     VARCHAR(80),
    created_ms    BIGINT       NOT NULL,
    expires_ms    BIGINT       NOT NULL,
    used_ms       BIGINT,
    used_by_host  VARCHAR(40)
);

-- Every certificate the manager CA issued to a host. No foreign key to hosts: the row outlives its host, and a
-- removed host's certificates stay here, revoked, so they are refused by serial even after the host is gone.
-- key_sha256 (of the agent's public key, DER) lets a registration retried after a lost answer be answered again.
CREATE TABLE agent_certificates (
    serial     VARCHAR(40) PRIMARY KEY,
    host_id    VARCHAR(40) NOT NULL,
    key_sha256 VARCHAR(64) NOT NULL,
    issued_ms  BIGINT      NOT NULL,
    revoked_ms BIGINT
);
CREATE INDEX agent_certificates_host ON agent_certificates (host_id);
