-- Agent certificate renewal (issue 4). A renewed certificate is a new row, for the same host as the certificate
-- its agent presented (renewed_from, that one's serial), which stays valid until it expires or the host is removed.
-- The index on key_sha256 lets a renewal refuse a public key already on record (a renewal needs a new key).
-- Version 2.7: 2.6 is taken by another change.
ALTER TABLE agent_certificates ADD COLUMN renewed_from VARCHAR(40);
CREATE INDEX agent_certificates_key ON agent_certificates (key_sha256);
