package org.openvrm.manager.template;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.DiskCreate;
import org.openvrm.api.NicCreate;
import org.openvrm.api.Page;
import org.openvrm.api.Task;
import org.openvrm.api.Template;
import org.openvrm.api.TemplateCreate;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Json;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.store.Constraints;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Names;
import org.openvrm.manager.store.Pages;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.vm.VmShapeValidator;
import org.openvrm.manager.vm.VmShapeValidator.Refs;
import org.openvrm.manager.vm.VmShapeValidator.Shape;
import org.openvrm.manager.vm.VmSpec;

/** Templates: a checked VM shape that VMs are created from. */
public final class TemplateService {

    public static final Filters FILTERS = new Filters(Map.of("name", "name"));

    private final Database db;
    private final Json json;
    private final TaskService tasks;
    private final VmShapeValidator shapes;
    private final Clock clock;
    private final Ids ids;
    private final RowMapper<Template> mapper;

    public TemplateService(Database db, Json json, TaskService tasks, VmShapeValidator shapes, Clock clock, Ids ids) {
        this.db = db;
        this.json = json;
        this.tasks = tasks;
        this.shapes = shapes;
        this.clock = clock;
        this.ids = ids;
        this.mapper = (rs, ctx) -> {
            var t = json.readStored(rs.getString("spec"), TemplateCreate.class);
            return new Template(rs.getString("id"), rs.getString("name"), rs.getString("description"), t.vcpus(),
                    t.maxVcpus(), t.memoryMb(), t.disks(), t.nics(), t.bootOrder(), t.cpuQos(), t.memoryQos(),
                    Instant.ofEpochMilli(rs.getLong("created_ms")));
        };
    }

    /** @param refs resolves datastores and port groups; MACs are refused: every VM from a template gets its own */
    public Task create(TemplateCreate req, Refs refs) {
        var v = new Validator();
        v.name("name", req.name());
        v.description("description", req.description());
        Refs noMacs = new Refs() {
            @Override
            public String datastore(Validator val, String field, String requested) {
                return refs.datastore(val, field, requested);
            }

            @Override
            public String portGroup(Validator val, String field, String requested) {
                return refs.portGroup(val, field, requested);
            }

            @Override
            public String mac(Validator val, String field, String requested) {
                if (requested != null) {
                    val.add(field, "FIELD_NOT_ALLOWED", "a template must not fix a MAC: every VM gets its own");
                }
                return null;
            }
        };
        VmSpec spec = shapes.validate(v, new Shape(req.vcpus(), req.maxVcpus(), req.memoryMb(), req.disks(),
                req.nics(), req.bootOrder(), req.cpuQos(), req.memoryQos()), noMacs, i -> "", i -> "");
        v.throwIfInvalid();
        // Store the completed shape, so a VM made from it later sees the same defaults.
        var stored = new TemplateCreate(req.name(), req.description(), spec.vcpus(), spec.maxVcpus(), spec.memoryMb(),
                spec.disks().stream().map(d -> new DiskCreate(d.sizeMb(), d.datastoreId(), d.provisioning(), d.bus(),
                        d.ioLimits(), d.image())).toList(),
                spec.nics().stream().map(n -> new NicCreate(n.portGroupId(), null, n.model(), n.qos())).toList(),
                // QoS as asked, not as resolved: shares follow the level and the memory limit follows the size of
                // each VM made from it, which may differ from the template's
                spec.bootOrder(), req.cpuQos(), req.memoryQos());
        String id = ids.next("tpl");
        return Constraints.guard(() -> db.tx(h -> {
            Names.requireFree(h, "templates", "template", req.name());
            h.createUpdate("INSERT INTO templates (id, name, description, spec, created_ms) "
                            + "VALUES (:id, :name, :description, :spec, :created)")
                    .bind("id", id).bind("name", req.name()).bind("description", req.description())
                    .bind("spec", json.write(stored)).bind("created", clock.millis()).execute();
            return tasks.record(h, TaskType.TEMPLATE_CREATE, "template", id, req.name());
        }), () -> new Conflict("NAME_TAKEN", "name", "a template named '" + req.name() + "' already exists"), null);
    }

    public Task delete(String id) {
        Template t = require("id", id);
        return db.tx(h -> {
            h.createUpdate("DELETE FROM templates WHERE id = :id").bind("id", id).execute();
            return tasks.record(h, TaskType.TEMPLATE_DELETE, "template", id, t.name());
        });
    }

    public Template require(String field, String id) {
        return db.read(h -> h.createQuery("SELECT * FROM templates WHERE id = :id").bind("id", id).map(mapper)
                .findOne()).orElseThrow(() -> new NotFound(field, "template", id));
    }

    public Page<Template> list(ListQuery q) {
        return db.read(h -> Pages.page(h, "templates", FILTERS, q, "name, id", mapper));
    }

}
