package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON the manager would send, and a way to run {@code vrm} against a stub. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** What one run of {@code vrm} gave. */
    record Run(int exit, String out, String err) {}

    static Run vrm(String url, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        // a short poll so --wait tests take milliseconds
        int exit = VrmCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("VRM_URL", url, "VRM_POLL_MS", "5"));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static String task(String id, String type, String targetId, String targetName, String state, int progress) {
        return """
                {"id":"%s","type":"%s","targetType":"%s","targetId":"%s","targetName":"%s","state":"%s",
                 "progress":%d,"message":null,"result":{},"attempts":1,"createdAt":"2025-01-01T00:00:00Z",
                 "startedAt":null,"finishedAt":null}""".formatted(id, type, type.substring(0, type.indexOf('.')),
                targetId, targetName, state, progress);
    }

    static String failedTask(String id, String type, String targetId, String targetName, String code,
                             String message) {
        return """
                {"id":"%s","type":"%s","targetType":"vm","targetId":"%s","targetName":"%s","state":"FAILED",
                 "progress":60,"message":"starting","error":{"code":"%s","message":"%s"},"result":{},"attempts":1,
                 "createdAt":"2025-01-01T00:00:00Z"}""".formatted(id, type, targetId, targetName, code, message);
    }

    /** A page of items as the API serves it. */
    static String page(long total, int offset, int limit, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"total\":" + total + ",\"offset\":" + offset
                + ",\"limit\":" + limit + "}";
    }

    static String named(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}";
    }

    static String vm(String id, String name, String state, String hostId) {
        return """
                {"id":"%s","name":"%s","clusterId":"cluster-00000000000000c1","hostId":%s,"state":"%s","vcpus":2,
                 "maxVcpus":2,"memoryMb":4096,"disks":[{"id":"d0","index":0,"sizeMb":20480}],"nics":[],
                 "bootOrder":["disk"],"generation":1}""".formatted(id, name, hostId == null ? "null" : "\"" + hostId + "\"",
                state);
    }

    static String problem(int status, String code, String detail, String field, String extra) {
        return "{\"type\":\"about:blank\",\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"" + detail
                + "\"" + (field == null ? "" : ",\"field\":\"" + field + "\"") + (extra == null ? "" : "," + extra)
                + "}";
    }
}
