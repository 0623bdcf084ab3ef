package org.openvrm.api;

/**
 * New shaping for every NIC on a port group (those without their own override).
 *
 * @param qos required; {@code {}} (both directions null) removes the shaping
 */
public record PortGroupQosUpdate(NetworkQos qos) {}
