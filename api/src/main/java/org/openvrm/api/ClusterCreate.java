package org.openvrm.api;

/** @param memoryOvercommit seed S9 memory reuse for the cluster's hosts; off by default */
public record ClusterCreate(String name, String description, Boolean memoryOvercommit) {}
