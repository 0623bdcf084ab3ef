package org.openvrm.api;

/**
 * Adds a host to a cluster.
 *
 * @param driver "sim" for a simulated host run by the manager itself
 * @param sim the simulated host's hardware; required when driver is "sim"
 */
public record HostAdd(String name, String clusterId, String driver, SimHostSpec sim) {}
