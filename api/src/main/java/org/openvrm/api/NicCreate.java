package org.openvrm.api;

/**
 * @param mac optional; unique per manager, generated when absent
 * @param model "virtio" (default), "e1000" or "rtl8139"
 * @param qos overrides the port group's shaping for this NIC
 */
public record NicCreate(String portGroupId, String mac, String model, NetworkQos qos) {}
