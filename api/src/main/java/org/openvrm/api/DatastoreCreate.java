package org.openvrm.api;

/**
 * @param type "dir": a directory on the hosts (local, or shared when mounted on all)
 * @param capacityMb the space the datastore offers to thick disks
 */
public record DatastoreCreate(String name, String type, String path, Long capacityMb, String description) {}
