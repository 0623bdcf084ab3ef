package org.openvrm.api;

/**
 * @param vlanId 0 or null for untagged, else 1..4094
 * @param qos traffic shaping for every NIC on the port group (seed S8.4)
 */
public record PortGroupCreate(String name, Integer vlanId, NetworkQos qos, String description) {}
