package org.openvrm.manager.http;

import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvrm.api.Page;
import org.openvrm.manager.Json;
import org.openvrm.manager.alarm.AlarmRepository;
import org.openvrm.manager.cluster.ClusterRepository;
import org.openvrm.manager.datastore.DatastoreRepository;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.host.HostRepository;
import org.openvrm.manager.network.PortGroupRepository;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.task.TaskRepository;
import org.openvrm.manager.template.TemplateService;
import org.openvrm.manager.vm.VmRepository;
import org.openvrm.manager.vm.snapshot.SnapshotRepository;

/** Holds api/src/main/resources/openvrm/openapi.yaml to the routes and records it describes. */
class OpenApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Schemas that are no record: shared constraints and the ad-hoc about map. Pages are named "<Item>Page". */
    private static final Set<String> NOT_RECORDS = Set.of("Name", "Description", "About");

    private static JsonNode doc;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openvrm/openapi.yaml")) {
            assertThat(in).as("openvrm/openapi.yaml on the class path").isNotNull();
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void documentsExactlyTheRoutesTheServerRegisters() throws Exception {
        // Route registration only captures the services in handlers, so none is needed to list the routes.
        ApiServer server = ApiServers.create(new Json(), null, null, null, null, null, null, null, null, null,
                null, Map.of(), null, null, null, null, null);
        var appField = ApiServer.class.getDeclaredField("app");
        appField.setAccessible(true);
        Javalin app = (Javalin) appField.get(server);
        Set<String> registered = app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod())
                .map(e -> e.getMethod() + " " + e.getPath())
                .collect(toSet());

        String base = doc.at("/servers/0/url").asText();
        Set<String> documented = new TreeSet<>();
        Set<String> operationIds = new HashSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                String route = op.getKey().toUpperCase() + " " + base + path.getKey();
                documented.add(route);
                String operationId = op.getValue().path("operationId").asText();
                assertThat(operationId).as(route + " operationId").isNotBlank();
                assertThat(operationIds.add(operationId)).as("operationId " + operationId + " is unique").isTrue();
                assertThat(op.getValue().path("tags")).as(route + " tags").isNotEmpty();
            }
        }));
        assertThat(documented).isEqualTo(new TreeSet<>(registered));
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = refsUnder(doc).toList();
        assertThat(refs).isNotEmpty();
        assertThat(refs).filteredOn(ref -> !ref.startsWith("#/") || doc.at(ref.substring(1)).isMissingNode())
                .as("unresolved $refs").isEmpty();
    }

    @Test
    void schemasHaveExactlyTheFieldsOfTheApiRecords() throws Exception {
        Map<String, Class<?>> records = apiRecords();
        JsonNode schemas = doc.at("/components/schemas");
        Set<String> documented = names(schemas);
        assertThat(documented).as("every api record is documented").containsAll(records.keySet().stream()
                .filter(r -> !r.equals("Page")).toList());
        schemas.properties().forEach(s -> {
            String name = s.getKey();
            JsonNode properties = s.getValue().path("properties");
            assertThat(names(s.getValue().path("required"))).as(name + " required ⊆ properties")
                    .isSubsetOf(names(properties));
            if (NOT_RECORDS.contains(name)) {
                return;
            }
            Class<?> record = name.endsWith("Page") ? Page.class : records.get(name);
            assertThat(record).as("schema " + name + " names no record in org.openvrm.api").isNotNull();
            assertThat(names(properties)).as(name + " properties")
                    .isEqualTo(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                            .collect(toSet()));
        });
    }

    @Test
    void requestSchemasRejectUnknownFieldsLikeTheServer() {
        Deque<String> todo = new ArrayDeque<>();
        doc.get("paths").findValues("requestBody").forEach(body -> refsUnder(body).forEach(todo::add));
        assertThat(todo).as("request bodies").hasSize(11);
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            String ref = todo.pop();
            if (seen.add(ref)) {
                JsonNode schema = doc.at(ref.substring(1));
                refsUnder(schema).forEach(todo::add);
                if (schema.has("properties")) {
                    assertThat(schema.path("additionalProperties").asBoolean(true)).as(ref).isFalse();
                }
            }
        }
        assertThat(seen).contains("#/components/schemas/VmCreate", "#/components/schemas/Shaping",
                "#/components/schemas/SnapshotCreate");
    }

    @Test
    void listFiltersAndVmActionsAreTheCodesOwn() {
        Map<String, Filters> lists = Map.of(
                "/clusters", ClusterRepository.FILTERS, "/hosts", HostRepository.FILTERS,
                "/datastores", DatastoreRepository.FILTERS, "/portgroups", PortGroupRepository.FILTERS,
                "/templates", TemplateService.FILTERS, "/vms", VmRepository.FILTERS,
                "/tasks", TaskRepository.FILTERS, "/events", EventLog.FILTERS,
                "/vms/{id}/snapshots", SnapshotRepository.FILTERS, "/alarms", AlarmRepository.FILTERS);
        lists.forEach((path, filters) -> {
            Set<String> expected = new TreeSet<>(filters.names());
            expected.addAll(List.of("offset", "limit"));
            assertThat(queryParameters(doc.get("paths").get(path).get("get"))).as("GET " + path + " parameters")
                    .isEqualTo(expected);
        });
        JsonNode action = parameters(doc.get("paths").get("/vms/{id}/{action}")).stream()
                .filter(p -> p.path("name").asText().equals("action")).findFirst().orElseThrow();
        assertThat(names(action.at("/schema/enum"))).isEqualTo(VmRoutes.ACTIONS.keySet());
    }

    private static Set<String> queryParameters(JsonNode operation) {
        return parameters(operation).stream().filter(p -> p.path("in").asText().equals("query"))
                .map(p -> p.path("name").asText()).collect(toSet());
    }

    /** An operation's or path item's parameters, each resolved if it is a $ref. */
    private static List<JsonNode> parameters(JsonNode node) {
        return node.path("parameters").valueStream()
                .map(p -> p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p).toList();
    }

    private static Stream<String> refsUnder(JsonNode node) {
        return node.findValues("$ref").stream().map(JsonNode::asText);
    }

    /** Field names of an object, or the texts of an array. */
    private static Set<String> names(JsonNode node) {
        return node.isArray() ? node.valueStream().map(JsonNode::asText).collect(toSet())
                : new TreeSet<>(node.propertyStream().map(Map.Entry::getKey).toList());
    }

    /** Every record of the api module, nested ones included, by simple name. */
    private static Map<String, Class<?>> apiRecords() throws Exception {
        Path root = Path.of(Page.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root);
             Stream<Path> files = Files.walk(jar == null ? root : jar.getPath("/"))) {
            Path base = jar == null ? root : jar.getPath("/");
            List<Class<?>> classes = files.map(p -> base.relativize(p).toString())
                    .filter(p -> p.startsWith("org/openvrm/api/") && p.endsWith(".class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(OpenApiContractTest::load).toList();
            return classes.stream().filter(Class::isRecord).collect(toMap(Class::getSimpleName, Function.identity()));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
