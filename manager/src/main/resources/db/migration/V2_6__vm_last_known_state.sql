-- The state a VM had before it became UNKNOWN (its host FAILED, or a task could not learn what its host did), shown
-- as lastKnownState while the VM is UNKNOWN and cleared by its next move (normally its host's next report).
-- Version 2.6: 2.7 is taken by other work; distinct versions merge cleanly.
ALTER TABLE vms ADD COLUMN last_known_state VARCHAR(20);
