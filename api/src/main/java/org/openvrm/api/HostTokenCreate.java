package org.openvrm.api;

/**
 * Asks for a one-time bootstrap token with which one agent ({@code vrm agent --token}) registers its host.
 *
 * @param clusterId the cluster the registered host joins
 * @param hostName the host's name; when absent the agent proposes its own
 * @param ttlSeconds how long the token stays valid, 60..604800 (default 3600)
 */
public record HostTokenCreate(String clusterId, String hostName, Long ttlSeconds) {}
