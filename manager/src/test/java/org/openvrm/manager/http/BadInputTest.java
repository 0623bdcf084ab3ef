package org.openvrm.manager.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * Every kind of bad input gets a 4xx with a stable code and the field at fault, and changes nothing: after each
 * case the counts of VMs, tasks, hosts and events are what they were.
 */
class BadInputTest {

    record Case(String name, String method, String path, String body, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static TestManager manager;
    private static Api api;
    private static String vmId;
    /** A stopped VM with one thick 1000 MB disk, for the disk and console cases. */
    private static String diskVm;
    /** A stopped VM with a disk and a snapshot: its disk cannot grow. */
    private static String snappedVm;
    /** A VM that stays CREATING (its host takes ten minutes per step): a state that forbids every action. */
    private static String busyVmId;
    private static String snapshotId;
    private static String pgId;

    @BeforeAll
    static void start() {
        manager = TestManager.start(TestStores.Kind.EMBEDDED);
        api = manager.api();
        manager.clusterWithHosts("c", 1, 16, 2400, 65536, 0);
        api.create("/datastores", "{\"name\":\"ds\",\"type\":\"dir\",\"path\":\"/srv/ds\",\"capacityMb\":100000}");
        pgId = api.create("/portgroups", "{\"name\":\"pg\"}");
        vmId = api.create("/vms", "{\"name\":\"existing\",\"vcpus\":1,\"memoryMb\":512,\"nics\":[{\"mac\":"
                + "\"52:54:00:00:00:01\"}]}");
        diskVm = api.create("/vms", "{\"name\":\"with-disk\",\"vcpus\":1,\"memoryMb\":512,"
                + "\"disks\":[{\"sizeMb\":1000,\"provisioning\":\"thick\"}]}");
        snapshotId = api.create("/vms/" + vmId + "/snapshots", "{\"name\":\"taken\"}");
        snappedVm = api.create("/vms", "{\"name\":\"snapped\",\"vcpus\":1,\"memoryMb\":512,"
                + "\"disks\":[{\"sizeMb\":1000}]}");
        api.create("/vms/" + snappedVm + "/snapshots", "{\"name\":\"before-grow\"}");
        String slowHost = api.create("/hosts", "{\"name\":\"slow\",\"clusterId\":\"" + api.get("/clusters")
                .body().at("/items/0/id").asText() + "\",\"driver\":\"sim\",\"sim\":{\"coresPerSocket\":16,"
                + "\"threadsPerCore\":1,\"mhz\":2400,\"memoryMb\":65536,\"stepDelayMillis\":600000}}");
        var busy = api.post("/vms", "{\"name\":\"busy\",\"vcpus\":1,\"memoryMb\":512,\"hostId\":\"" + slowHost
                + "\"}");
        assertThat(busy.status()).as(busy.raw()).isEqualTo(202);
        busyVmId = busy.body().get("targetId").asText();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static Stream<Case> cases() {
        return Stream.of(requestCases(), diskAndConsoleCases(), alarmCases(), qosCases()).flatMap(c -> c);
    }

    static Stream<Case> alarmCases() {
        return Stream.of(
                new Case("alarms that are maybe active", "GET", "/alarms?active=maybe", null, 400,
                        "INVALID_PARAMETER", "active"),
                new Case("alarms of an unknown severity", "GET", "/alarms?severity=LOUD", null, 400,
                        "INVALID_PARAMETER", "severity"),
                new Case("alarms of a lower-case severity", "GET", "/alarms?severity=error", null, 400,
                        "INVALID_PARAMETER", "severity"),
                new Case("unknown alarm filter", "GET", "/alarms?hostId=host-1", null, 400, "INVALID_PARAMETER",
                        "hostId"),
                new Case("alarms with limit 0", "GET", "/alarms?limit=0", null, 400, "INVALID_PARAMETER", "limit"),
                new Case("alarms with active twice", "GET", "/alarms?active=true&active=false", null, 400,
                        "INVALID_PARAMETER", "active"),
                new Case("unknown alarm", "GET", "/alarms/alarm-nope", null, 404, "NOT_FOUND", "id"),
                new Case("acknowledge an unknown alarm", "POST", "/alarms/alarm-nope/acknowledge", "", 404,
                        "NOT_FOUND", "id"),
                new Case("delete an alarm", "DELETE", "/alarms/alarm-nope", null, 405, "METHOD_NOT_ALLOWED",
                        null));
    }

    /** {vm} is the stopped VM "existing" (512 MB, 1 vCPU, NIC {vm}-nic0); {disk} the VM with disk {disk}-disk0. */
    static Stream<Case> qosCases() {
        String q = "/vms/{vm}/qos";
        String dq = "/vms/{disk}/qos";
        String pgq = "/portgroups/{pg}/qos";
        return Stream.of(
                new Case("QoS of an unknown VM", "GET", "/vms/vm-nope/qos", null, 404, "NOT_FOUND", "id"),
                new Case("change the QoS of an unknown VM", "PUT", "/vms/vm-nope/qos", "{}", 404, "NOT_FOUND", "id"),
                new Case("negative CPU reservation", "PUT", q, "{\"cpuQos\":{\"reservationMhz\":-1}}", 400,
                        "QOS_NEGATIVE", "cpuQos.reservationMhz"),
                new Case("negative CPU limit", "PUT", q, "{\"cpuQos\":{\"limitMhz\":-100}}", 400,
                        "QOS_NEGATIVE", "cpuQos.limitMhz"),
                new Case("CPU reservation above its limit", "PUT", q,
                        "{\"cpuQos\":{\"reservationMhz\":2000,\"limitMhz\":1000}}", 400,
                        "QOS_RESERVATION_ABOVE_LIMIT", "cpuQos.reservationMhz"),
                new Case("custom CPU shares without a number", "PUT", q, "{\"cpuQos\":{\"sharesLevel\":\"CUSTOM\"}}",
                        400, "FIELD_REQUIRED", "cpuQos.shares"),
                new Case("unknown shares level", "PUT", q, "{\"cpuQos\":{\"sharesLevel\":\"TOP\"}}", 400,
                        "VALUE_NOT_ALLOWED", "cpuQos.sharesLevel"),
                new Case("memory limit above the VM's memory", "PUT", q, "{\"memoryQos\":{\"limitMb\":1024}}", 400,
                        "QOS_LIMIT_ABOVE_SIZE", "memoryQos.limitMb"),
                new Case("memory reservation above its limit", "PUT", q,
                        "{\"memoryQos\":{\"reservationMb\":400,\"limitMb\":256}}", 400,
                        "QOS_RESERVATION_ABOVE_LIMIT", "memoryQos.reservationMb"),
                new Case("negative memory reservation", "PUT", q, "{\"memoryQos\":{\"reservationMb\":-8}}", 400,
                        "QOS_NEGATIVE", "memoryQos.reservationMb"),
                new Case("negative disk limit", "PUT", dq,
                        "{\"disks\":[{\"diskId\":\"{disk}-disk0\",\"ioLimits\":{\"writeKBps\":-5}}]}", 400,
                        "QOS_NEGATIVE", "disks[0].ioLimits.writeKBps"),
                new Case("disk total with its read limit", "PUT", dq,
                        "{\"disks\":[{\"diskId\":\"{disk}-disk0\",\"ioLimits\":{\"totalIops\":5,\"readIops\":2}}]}",
                        400, "QOS_CONFLICT", "disks[0].ioLimits.totalIops"),
                new Case("limits on a disk that does not exist", "PUT", dq,
                        "{\"disks\":[{\"diskId\":\"{disk}-disk9\",\"ioLimits\":{\"writeKBps\":100}}]}", 400,
                        "UNKNOWN_DISK", "disks[0].diskId"),
                new Case("limits on a disk of a VM without disks", "PUT", q,
                        "{\"disks\":[{\"diskId\":\"{disk}-disk0\",\"ioLimits\":{}}]}", 400, "UNKNOWN_DISK",
                        "disks[0].diskId"),
                new Case("disk limits without a disk id", "PUT", dq, "{\"disks\":[{\"ioLimits\":{}}]}", 400,
                        "FIELD_REQUIRED", "disks[0].diskId"),
                new Case("the same disk twice", "PUT", dq, "{\"disks\":[{\"diskId\":\"{disk}-disk0\"},"
                        + "{\"diskId\":\"{disk}-disk0\"}]}", 400, "DUPLICATE_VALUE", "disks[1].diskId"),
                new Case("NIC peak below average", "PUT", q, "{\"nics\":[{\"nicId\":\"{vm}-nic0\",\"qos\":"
                        + "{\"inbound\":{\"averageMbps\":10,\"peakMbps\":5}}}]}", 400, "QOS_PEAK_BELOW_AVERAGE",
                        "nics[0].qos.inbound.peakMbps"),
                new Case("NIC burst without average", "PUT", q, "{\"nics\":[{\"nicId\":\"{vm}-nic0\",\"qos\":"
                        + "{\"outbound\":{\"burstKb\":64}}}]}", 400, "QOS_REQUIRES_AVERAGE",
                        "nics[0].qos.outbound.burstKb"),
                new Case("a NIC that does not exist", "PUT", q, "{\"nics\":[{\"nicId\":\"{vm}-nic3\"}]}", 400,
                        "UNKNOWN_NIC", "nics[0].nicId"),
                new Case("a string for a limit", "PUT", q, "{\"cpuQos\":{\"limitMhz\":\"fast\"}}", 400,
                        "INVALID_TYPE", "cpuQos.limitMhz"),
                new Case("a fraction for a limit", "PUT", q, "{\"cpuQos\":{\"limitMhz\":1.5}}", 400,
                        "INVALID_TYPE", "cpuQos.limitMhz"),
                new Case("disks as an object", "PUT", dq, "{\"disks\":{\"diskId\":\"x\"}}", 400, "INVALID_TYPE",
                        "disks"),
                new Case("an unknown QoS field", "PUT", q, "{\"cpu\":{}}", 400, "UNKNOWN_FIELD", "cpu"),
                new Case("QoS of a VM being created", "PUT", "/vms/{busy}/qos", "{\"cpuQos\":{\"limitMhz\":1000}}",
                        409, "VM_INVALID_STATE", "state"),
                new Case("QoS of an unknown port group", "PUT", "/portgroups/pg-nope/qos", "{\"qos\":{}}", 404,
                        "NOT_FOUND", "id"),
                new Case("port group QoS without qos", "PUT", pgq, "{}", 400, "FIELD_REQUIRED", "qos"),
                new Case("port group peak below average", "PUT", pgq,
                        "{\"qos\":{\"outbound\":{\"averageMbps\":10,\"peakMbps\":9}}}", 400,
                        "QOS_PEAK_BELOW_AVERAGE", "qos.outbound.peakMbps"),
                new Case("port group negative average", "PUT", pgq, "{\"qos\":{\"inbound\":{\"averageMbps\":-1}}}",
                        400, "QOS_NEGATIVE", "qos.inbound.averageMbps"));
    }

    static Stream<Case> diskAndConsoleCases() {
        String grow = "/vms/" + diskVm + "/disks/" + diskVm + "-disk0/grow";
        return Stream.of(
                new Case("grow a disk of an unknown VM", "POST", "/vms/vm-nope/disks/vm-nope-disk0/grow",
                        "{\"sizeMb\":2000}", 404, "NOT_FOUND", "id"),
                new Case("grow an unknown disk", "POST", "/vms/" + diskVm + "/disks/" + diskVm + "-disk7/grow",
                        "{\"sizeMb\":2000}", 404, "NOT_FOUND", "diskId"),
                new Case("grow without a size", "POST", grow, "{}", 400, "FIELD_REQUIRED", "sizeMb"),
                new Case("grow with a string size", "POST", grow, "{\"sizeMb\":\"2G\"}", 400, "INVALID_TYPE",
                        "sizeMb"),
                new Case("grow with an unknown field", "POST", grow, "{\"sizeGb\":2}", 400, "UNKNOWN_FIELD",
                        "sizeGb"),
                new Case("grow to a negative size", "POST", grow, "{\"sizeMb\":-1}", 400, "VALUE_OUT_OF_RANGE",
                        "sizeMb"),
                new Case("grow to an absurd size", "POST", grow, "{\"sizeMb\":999999999999}", 400,
                        "VALUE_OUT_OF_RANGE", "sizeMb"),
                new Case("grow a disk of a VM with snapshots", "POST", "/vms/" + snappedVm + "/disks/" + snappedVm
                        + "-disk0/grow", "{\"sizeMb\":2000}", 409, "VM_HAS_SNAPSHOTS", "id"),
                new Case("shrink a disk", "POST", grow, "{\"sizeMb\":500}", 422, "DISK_ONLY_GROWS", "sizeMb"),
                new Case("grow to the same size", "POST", grow, "{\"sizeMb\":1000}", 422, "DISK_ONLY_GROWS",
                        "sizeMb"),
                // 100000 MB datastore, 1000 MB thick already: growing by 199000 MB is 100000 MB short
                new Case("grow a thick disk past its datastore", "POST", grow, "{\"sizeMb\":200000}", 409,
                        "DATASTORE_FULL", "sizeMb"),
                new Case("console of an unknown VM", "GET", "/vms/vm-nope/console", null, 404, "NOT_FOUND", "id"),
                new Case("console with a query parameter", "GET", "/vms/" + diskVm + "/console?vnc=1", null, 400,
                        "INVALID_PARAMETER", "vnc"),
                new Case("console output of an unknown VM", "GET", "/vms/vm-nope/console/output", null, 404,
                        "NOT_FOUND", "id"),
                new Case("console output of zero bytes", "GET", "/vms/" + diskVm + "/console/output?maxBytes=0",
                        null, 400, "INVALID_PARAMETER", "maxBytes"),
                new Case("console output of too many bytes", "GET", "/vms/" + diskVm
                        + "/console/output?maxBytes=1048577", null, 400, "INVALID_PARAMETER", "maxBytes"),
                new Case("console output of words", "GET", "/vms/" + diskVm + "/console/output?maxBytes=lots",
                        null, 400, "INVALID_PARAMETER", "maxBytes"),
                new Case("console output with maxBytes twice", "GET", "/vms/" + diskVm
                        + "/console/output?maxBytes=1&maxBytes=2", null, 400, "INVALID_PARAMETER", "maxBytes"),
                new Case("console output with an unknown parameter", "GET", "/vms/" + diskVm
                        + "/console/output?tail=5", null, 400, "INVALID_PARAMETER", "tail"));
    }

    static Stream<Case> requestCases() {
        String vm = "{\"name\":\"v\",\"vcpus\":1,\"memoryMb\":512";
        return Stream.of(
                new Case("malformed JSON", "POST", "/vms", "{\"name\":", 400, "INVALID_JSON", "name"),
                new Case("empty body", "POST", "/vms", "", 400, "INVALID_JSON", null),
                new Case("JSON null", "POST", "/vms", "null", 400, "INVALID_JSON", null),
                new Case("an array, not an object", "POST", "/vms", "[]", 400, "INVALID_TYPE", null),
                new Case("trailing garbage", "POST", "/clusters", "{\"name\":\"a\"} x", 400, "INVALID_JSON", null),
                new Case("duplicate key", "POST", "/clusters", "{\"name\":\"a\",\"name\":\"b\"}", 400, "INVALID_JSON",
                        "name"),
                new Case("unknown field", "POST", "/vms", vm + ",\"cpus\":2}", 400, "UNKNOWN_FIELD", "cpus"),
                new Case("unknown nested field", "POST", "/vms", vm + ",\"disks\":[{\"size\":1}]}", 400,
                        "UNKNOWN_FIELD", "disks[0].size"),
                new Case("string for a number", "POST", "/vms", "{\"name\":\"v\",\"vcpus\":\"2\",\"memoryMb\":512}",
                        400, "INVALID_TYPE", "vcpus"),
                new Case("float for an integer", "POST", "/vms", "{\"name\":\"v\",\"vcpus\":1.5,\"memoryMb\":512}",
                        400, "INVALID_TYPE", "vcpus"),
                new Case("number for a string", "POST", "/clusters", "{\"name\":5}", 400, "INVALID_TYPE", "name"),
                new Case("number too big for its type", "POST", "/vms",
                        "{\"name\":\"v\",\"vcpus\":99999999999,\"memoryMb\":512}", 400, "VALUE_OUT_OF_RANGE",
                        "vcpus"),
                new Case("missing required field", "POST", "/vms", "{\"name\":\"v\",\"memoryMb\":512}", 400,
                        "FIELD_REQUIRED", "vcpus"),
                new Case("negative memory", "POST", "/vms", "{\"name\":\"v\",\"vcpus\":1,\"memoryMb\":-1}", 400,
                        "VALUE_OUT_OF_RANGE", "memoryMb"),
                new Case("absurd memory", "POST", "/vms",
                        "{\"name\":\"v\",\"vcpus\":1,\"memoryMb\":999999999999}", 400, "VALUE_OUT_OF_RANGE",
                        "memoryMb"),
                new Case("zero vCPUs", "POST", "/vms", "{\"name\":\"v\",\"vcpus\":0,\"memoryMb\":512}", 400,
                        "VALUE_OUT_OF_RANGE", "vcpus"),
                new Case("maxVcpus below vcpus", "POST", "/vms", vm + ",\"maxVcpus\":0}", 400,
                        "VALUE_OUT_OF_RANGE", "maxVcpus"),
                new Case("negative disk", "POST", "/vms", vm + ",\"disks\":[{\"sizeMb\":-10}]}", 400,
                        "VALUE_OUT_OF_RANGE", "disks[0].sizeMb"),
                new Case("absurd disk", "POST", "/vms", vm + ",\"disks\":[{\"sizeMb\":999999999999}]}", 400,
                        "VALUE_OUT_OF_RANGE", "disks[0].sizeMb"),
                new Case("unknown provisioning", "POST", "/vms",
                        vm + ",\"disks\":[{\"sizeMb\":10,\"provisioning\":\"fat\"}]}", 400, "VALUE_NOT_ALLOWED",
                        "disks[0].provisioning"),
                new Case("name too long", "POST", "/vms", "{\"name\":\"" + "x".repeat(81)
                        + "\",\"vcpus\":1,\"memoryMb\":512}", 400, "INVALID_NAME", "name"),
                new Case("control character in name", "POST", "/vms",
                        "{\"name\":\"a\\u0007b\",\"vcpus\":1,\"memoryMb\":512}", 400, "INVALID_NAME", "name"),
                new Case("newline in name", "POST", "/clusters", "{\"name\":\"a\\nb\"}", 400, "INVALID_NAME", "name"),
                new Case("empty name", "POST", "/clusters", "{\"name\":\"\"}", 400, "INVALID_NAME", "name"),
                new Case("bad MAC", "POST", "/vms", vm + ",\"nics\":[{\"mac\":\"zz:54:00:00:00:01\"}]}", 400,
                        "INVALID_MAC", "nics[0].mac"),
                new Case("multicast MAC", "POST", "/vms", vm + ",\"nics\":[{\"mac\":\"01:54:00:00:00:01\"}]}", 400,
                        "INVALID_MAC", "nics[0].mac"),
                new Case("MAC of another VM", "POST", "/vms", vm + ",\"nics\":[{\"mac\":\"52:54:00:00:00:01\"}]}",
                        409, "MAC_IN_USE", "nics[0].mac"),
                new Case("CPU reservation above limit", "POST", "/vms",
                        vm + ",\"cpuQos\":{\"reservationMhz\":2000,\"limitMhz\":1000}}", 400,
                        "QOS_RESERVATION_ABOVE_LIMIT", "cpuQos.reservationMhz"),
                new Case("memory limit above size", "POST", "/vms", vm + ",\"memoryQos\":{\"limitMb\":1024}}", 400,
                        "QOS_LIMIT_ABOVE_SIZE", "memoryQos.limitMb"),
                new Case("shares with a preset level", "POST", "/vms",
                        vm + ",\"cpuQos\":{\"sharesLevel\":\"HIGH\",\"shares\":5}}", 400, "QOS_CONFLICT",
                        "cpuQos.shares"),
                new Case("unknown shares level", "POST", "/vms", vm + ",\"cpuQos\":{\"sharesLevel\":\"MAX\"}}", 400,
                        "VALUE_NOT_ALLOWED", "cpuQos.sharesLevel"),
                new Case("disk total with read limit", "POST", "/vms",
                        vm + ",\"disks\":[{\"sizeMb\":10,\"ioLimits\":{\"totalIops\":100,\"readIops\":50}}]}",
                        400, "QOS_CONFLICT", "disks[0].ioLimits.totalIops"),
                new Case("peak below average", "POST", "/portgroups",
                        "{\"name\":\"p2\",\"qos\":{\"inbound\":{\"averageMbps\":100,\"peakMbps\":10}}}", 400,
                        "QOS_PEAK_BELOW_AVERAGE", "qos.inbound.peakMbps"),
                new Case("VLAN out of range", "POST", "/portgroups", "{\"name\":\"p3\",\"vlanId\":5000}", 400,
                        "VALUE_OUT_OF_RANGE", "vlanId"),
                new Case("relative datastore path", "POST", "/datastores",
                        "{\"name\":\"d2\",\"type\":\"dir\",\"path\":\"srv\",\"capacityMb\":1}", 400, "INVALID_PATH",
                        "path"),
                new Case("unknown cluster", "POST", "/vms", vm + ",\"clusterId\":\"cluster-nope\"}", 404,
                        "NOT_FOUND", "clusterId"),
                new Case("unknown template", "POST", "/vms", vm + ",\"templateId\":\"tpl-nope\"}", 404,
                        "NOT_FOUND", "templateId"),
                new Case("unknown datastore", "POST", "/vms",
                        vm + ",\"disks\":[{\"sizeMb\":10,\"datastoreId\":\"ds-nope\"}]}", 404, "NOT_FOUND",
                        "disks[0].datastoreId"),
                new Case("unknown port group", "POST", "/vms", vm + ",\"nics\":[{\"portGroupId\":\"pg-nope\"}]}",
                        404, "NOT_FOUND", "nics[0].portGroupId"),
                new Case("VM larger than any host", "POST", "/vms",
                        "{\"name\":\"v\",\"vcpus\":1,\"memoryMb\":1048576}", 422, "VM_TOO_LARGE", "memoryMb"),
                new Case("thick disk larger than its datastore", "POST", "/vms",
                        vm + ",\"disks\":[{\"sizeMb\":200000,\"provisioning\":\"thick\"}]}", 409, "DATASTORE_FULL",
                        "disks[0].sizeMb"),
                new Case("name taken", "POST", "/vms", "{\"name\":\"existing\",\"vcpus\":1,\"memoryMb\":512}", 409,
                        "NAME_TAKEN", "name"),
                new Case("unknown VM id", "GET", "/vms/vm-nope", null, 404, "NOT_FOUND", "id"),
                new Case("start an unknown VM", "POST", "/vms/vm-nope/start", "", 404, "NOT_FOUND", "id"),
                new Case("delete an unknown host", "DELETE", "/hosts/host-nope", null, 404, "NOT_FOUND", "id"),
                new Case("unknown list filter", "GET", "/vms?colour=red", null, 400, "INVALID_PARAMETER", "colour"),
                new Case("limit above 1000", "GET", "/vms?limit=5000", null, 400, "INVALID_PARAMETER", "limit"),
                new Case("negative offset", "GET", "/tasks?offset=-1", null, 400, "INVALID_PARAMETER", "offset"),
                new Case("unknown endpoint", "GET", "/nothing", null, 404, "NO_SUCH_ENDPOINT", null),
                new Case("host with unknown driver", "POST", "/hosts",
                        "{\"name\":\"h\",\"clusterId\":\"x\",\"driver\":\"xen\"}", 400, "VALUE_NOT_ALLOWED", "driver"),
                new Case("simulated host with no memory", "POST", "/hosts", "{\"name\":\"h\",\"clusterId\":\"x\","
                        + "\"driver\":\"sim\",\"sim\":{\"coresPerSocket\":4,\"mhz\":2000}}", 400, "FIELD_REQUIRED",
                        "sim.memoryMb"),
                // snapshots: {vm} is the existing VM, {snap} its snapshot "taken", {busy} a VM still CREATING
                new Case("snapshot without a name", "POST", "/vms/{vm}/snapshots", "{}", 400, "FIELD_REQUIRED",
                        "name"),
                new Case("snapshot with a blank name", "POST", "/vms/{vm}/snapshots", "{\"name\":\"  \"}", 400,
                        "INVALID_NAME", "name"),
                new Case("snapshot name too long", "POST", "/vms/{vm}/snapshots", "{\"name\":\"" + "s".repeat(81)
                        + "\"}", 400, "INVALID_NAME", "name"),
                new Case("snapshot description too long", "POST", "/vms/{vm}/snapshots", "{\"name\":\"s\","
                        + "\"description\":\"" + "d".repeat(1001) + "\"}", 400, "VALUE_TOO_LONG", "description"),
                new Case("snapshot with an unknown field", "POST", "/vms/{vm}/snapshots",
                        "{\"name\":\"s\",\"memory\":true}", 400, "UNKNOWN_FIELD", "memory"),
                new Case("snapshot name taken on this VM", "POST", "/vms/{vm}/snapshots", "{\"name\":\"taken\"}",
                        409, "SNAPSHOT_NAME_TAKEN", "name"),
                new Case("snapshot of an unknown VM", "POST", "/vms/vm-nope/snapshots", "{\"name\":\"s\"}", 404,
                        "NOT_FOUND", "id"),
                new Case("snapshots of an unknown VM", "GET", "/vms/vm-nope/snapshots", null, 404, "NOT_FOUND", "id"),
                new Case("unknown snapshot filter", "GET", "/vms/{vm}/snapshots?vmId=x", null, 400,
                        "INVALID_PARAMETER", "vmId"),
                new Case("unknown snapshot", "GET", "/vms/{vm}/snapshots/snap-nope", null, 404, "NOT_FOUND",
                        "snapshotId"),
                new Case("revert to an unknown snapshot", "POST", "/vms/{vm}/snapshots/snap-nope/revert", "", 404,
                        "NOT_FOUND", "snapshotId"),
                new Case("delete an unknown snapshot", "DELETE", "/vms/{vm}/snapshots/snap-nope", null, 404,
                        "NOT_FOUND", "snapshotId"),
                new Case("another VM's snapshot", "GET", "/vms/{busy}/snapshots/{snap}", null, 404, "NOT_FOUND",
                        "snapshotId"),
                new Case("snapshot of a VM being created", "POST", "/vms/{busy}/snapshots", "{\"name\":\"s\"}", 409,
                        "VM_INVALID_STATE", "state"),
                new Case("hibernate a stopped VM", "POST", "/vms/{vm}/hibernate", "", 409, "VM_INVALID_STATE",
                        "state"),
                new Case("hibernate a VM being created", "POST", "/vms/{busy}/hibernate", "", 409,
                        "VM_INVALID_STATE", "state"),
                new Case("hibernate an unknown VM", "POST", "/vms/vm-nope/hibernate", "", 404, "NOT_FOUND", "id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedClearlyAndChangesNothing(Case c) {
        String before = counts();
        String path = fill(c.path());
        Api.Response r = switch (c.method()) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, c.body());
            case "PUT" -> api.put(path, fill(c.body()));
            case "DELETE" -> api.delete(path);
            default -> throw new IllegalArgumentException(c.method());
        };
        assertThat(r.status()).as(r.raw()).isEqualTo(c.status());
        assertThat(r.code()).as(r.raw()).isEqualTo(c.code());
        assertThat(r.field()).as(r.raw()).isEqualTo(c.field());
        assertThat(r.body().path("detail").asText()).as("a message for humans").isNotBlank();
        assertThat(r.raw()).as("no stack trace").doesNotContain("at org.").doesNotContain("Exception");
        assertThat(counts()).as("nothing changed").isEqualTo(before);
    }

    private static String fill(String text) {
        return text.replace("{vm}", vmId).replace("{snap}", snapshotId).replace("{busy}", busyVmId)
                .replace("{disk}", diskVm).replace("{pg}", pgId);
    }

    private static String counts() {
        return String.join(",", Stream.of("/vms", "/tasks", "/hosts", "/clusters", "/datastores", "/portgroups",
                "/templates", "/events", "/alarms").map(p -> p + "=" + api.get(p + "?limit=1").body().get("total")).toList());
    }

    @org.junit.jupiter.api.Test
    void theExistingVmIsUntouchedByAllOfIt() {
        var vm = api.get("/vms/" + vmId).body();
        assertThat(vm.get("state").asText()).isEqualTo("STOPPED");
        assertThat(vm.get("generation").asLong()).isEqualTo(1);
        var withDisk = api.get("/vms/" + diskVm).body();
        assertThat(withDisk.at("/disks/0/sizeMb").asLong()).as("no refused grow changed the disk").isEqualTo(1000);
        assertThat(withDisk.get("generation").asLong()).isEqualTo(1);
        assertThat(withDisk.at("/disks/0/ioLimits").isNull()).as("no refused QoS change set a limit").isTrue();
        assertThat(vm.at("/cpuQos/limitMhz").isNull()).isTrue();
        assertThat(vm.at("/memoryQos/limitMb").asLong()).isEqualTo(512);
        assertThat(api.get("/portgroups/" + pgId).body().get("qos").isNull()).as("port group unshaped").isTrue();
    }
}
