package dev.orchestrate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.EventListener;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.session.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code --json} (SPEC §8): one JSON object per line on stdout for every event, and nothing else.
 * {@code docs/events.md} documents every event and field; {@link #SCHEMA_VERSION} on {@code run_started}
 * says which version of it a line follows. Every object has {@code type} and {@code ts} (ISO-8601 UTC,
 * milliseconds); task events also {@code title}; the others as they apply:
 * <ul>
 * <li>{@code run_started}: {@code schema_version}, {@code task_file}, {@code total_tasks}, {@code to_run}, {@code workers}
 * <li>{@code task_started}: {@code task}, {@code worker}, {@code attempt}, {@code max_attempts}
 * <li>{@code task_completed}: {@code task}, {@code worker}, {@code attempt}, {@code duration_ms}
 * <li>{@code task_failed}: {@code task}, {@code worker}, {@code attempt}, {@code max_attempts}, {@code error},
 *     {@code exit_code} (null when the process never exited by itself), {@code giving_up}, {@code log}
 * <li>{@code task_deferred}: {@code task}, {@code worker}, {@code locked_by}, {@code path}
 * <li>{@code task_skipped}: {@code task}, {@code blocked_by} (ids), {@code error} ("blocked by T007")
 * <li>{@code worker_replaced}: {@code worker}, {@code task} (null when it held none), {@code reason}
 * <li>{@code group_completed}: {@code group}, {@code tasks}, {@code duration_ms}, and how its tasks ended:
 *     {@code completed}, {@code failed}, {@code skipped}, {@code stopped}, {@code not_run}, {@code already_done},
 *     {@code resumed}, {@code not_selected}
 * <li>{@code run_finished}: {@code exit_code}, {@code total_tasks}, {@code completed}, {@code failed},
 *     {@code flaky}, {@code skipped}, {@code stopped}, {@code already_done}, {@code not_run}, {@code duration_ms}, {@code workers_used},
 *     {@code speedup}, {@code critical_failure}, {@code interrupted}, and with a plan {@code resumed}, {@code not_selected}
 * </ul>
 */
public final class JsonLinesPrinter implements EventListener {

    /** The version of the event schema in {@code docs/events.md}; it grows when a field changes meaning or goes. */
    public static final int SCHEMA_VERSION = 1;
    /** The outcomes a group_completed line counts, in the order its fields stand, each under its phase's name. */
    private static final List<RunState.Phase> GROUP_COUNTS = List.of(
            RunState.Phase.COMPLETED, RunState.Phase.FAILED, RunState.Phase.SKIPPED, RunState.Phase.STOPPED,
            RunState.Phase.NOT_RUN, RunState.Phase.ALREADY_DONE, RunState.Phase.RESUMED, RunState.Phase.NOT_SELECTED);

    private final Terminal terminal;
    private final RunState state;

    /** Without a plan: no titles, no task file, no per-group counts. */
    public JsonLinesPrinter(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.state = null;
    }

    /**
     * @param terminal prints each object with {@link Terminal#jsonLine(String)}
     * @param plan     the plan being run: the task titles, the task file, the tasks of each group
     */
    public JsonLinesPrinter(Terminal terminal, ExecutionPlan plan) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.state = new RunState(Objects.requireNonNull(plan, "plan"));
    }

    /** The tasks the plan calls done although the file does not (resumed, not selected): counted apart. Returns this. */
    public JsonLinesPrinter holding(Held held) {
        if (state != null) {
            state.hold(held);
        }
        return this;
    }

    @Override
    public void on(Event event) {
        ObjectNode node;
        if (state == null) {
            node = toJson(event);
        } else {
            state.apply(event);
            node = withPlan(toJson(event), event);
        }
        try {
            terminal.jsonLine(Json.mapper().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.type() + " as JSON", e);
        }
    }

    /** What the plan adds: the title after the task, the task file, the group's outcome counts. */
    private ObjectNode withPlan(ObjectNode node, Event event) {
        if (node.has("task") && !node.get("task").isNull()) {
            ObjectNode ordered = Json.mapper().createObjectNode();
            node.fields().forEachRemaining(field -> {
                ordered.set(field.getKey(), field.getValue());
                if (field.getKey().equals("task")) {
                    ordered.put("title", state.title(field.getValue().asText()));
                }
            });
            node = ordered;
        }
        if (event instanceof Event.RunStarted) {
            ExecutionPlan plan = state.plan();
            node.put("task_file", plan.taskFile() == null ? null : plan.taskFile().toString());
        } else if (event instanceof Event.GroupCompleted completed) {
            String id = completed.group();
            Map<RunState.Phase, Integer> counts = new EnumMap<>(RunState.Phase.class);
            state.groups().stream().filter(g -> g.id().equals(id)).findFirst()
                    .ifPresent(g -> state.rowsOf(g).forEach(r -> counts.merge(r.phase, 1, Integer::sum)));
            for (RunState.Phase phase : GROUP_COUNTS) {
                node.put(phase.name().toLowerCase(Locale.ROOT), counts.getOrDefault(phase, 0));
            }
        } else if (event instanceof Event.RunFinished finished) {
            // summary.json's counts: resumed and not-selected tasks apart from those the file marks done
            Held held = state.held();
            long resumed = finished.result().tasks().keySet().stream().filter(held.resumed()::contains).count();
            long notSelected = finished.result().tasks().keySet().stream().filter(held.notSelected()::contains).count();
            node.put("already_done", node.get("already_done").asLong() - resumed - notSelected);
            node.put("resumed", resumed);
            node.put("not_selected", notSelected);
        }
        return node;
    }

    /** The object printed for {@code event}. */
    static ObjectNode toJson(Event event) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", event.type());
        node.put("ts", Json.time(event.ts()));
        return EventHandler.dispatch(event, new Fields(node));
    }

    /** The fields of each event type after {@code type} and {@code ts}: one method per type, so none is left out. */
    private static final class Fields implements EventHandler<ObjectNode> {
        private final ObjectNode node;

        Fields(ObjectNode node) {
            this.node = node;
        }

        /** The fields an attempt's events start with: which task, on which worker, which attempt. */
        private void attempt(String task, String worker, int attempt) {
            node.put("task", task);
            node.put("worker", worker);
            node.put("attempt", attempt);
        }

        @Override
        public ObjectNode runStarted(Event.RunStarted e) {
            node.put("schema_version", SCHEMA_VERSION);
            node.put("total_tasks", e.totalTasks());
            node.put("to_run", e.toRun());
            node.put("workers", e.workers());
            return node;
        }

        @Override
        public ObjectNode taskStarted(Event.TaskStarted e) {
            attempt(e.task(), e.worker(), e.attempt());
            node.put("max_attempts", e.maxAttempts());
            return node;
        }

        @Override
        public ObjectNode taskCompleted(Event.TaskCompleted e) {
            attempt(e.task(), e.worker(), e.attempt());
            node.put("duration_ms", e.duration().toMillis());
            overhead(node, e.overhead());
            return node;
        }

        @Override
        public ObjectNode taskFailed(Event.TaskFailed e) {
            attempt(e.task(), e.worker(), e.attempt());
            node.put("max_attempts", e.maxAttempts());
            node.put("error", e.error());
            if (e.exitCode().isPresent()) {
                node.put("exit_code", e.exitCode().getAsInt());
            } else {
                node.putNull("exit_code");
            }
            node.put("giving_up", e.givingUp());
            node.put("log", e.log() == null ? null : e.log().toString());
            overhead(node, e.overhead());
            return node;
        }

        @Override
        public ObjectNode taskDeferred(Event.TaskDeferred e) {
            node.put("task", e.task());
            node.put("worker", e.worker());
            node.put("locked_by", e.lockedBy());
            node.put("path", e.path());
            return node;
        }

        @Override
        public ObjectNode taskSkipped(Event.TaskSkipped e) {
            node.put("task", e.task());
            strings(node.putArray("blocked_by"), e.blockedBy());
            node.put("error", "blocked by " + String.join(", ", e.blockedBy()));
            return node;
        }

        @Override
        public ObjectNode workerReplaced(Event.WorkerReplaced e) {
            node.put("worker", e.worker());
            node.put("task", e.task().orElse(null));
            node.put("reason", e.reason());
            return node;
        }

        @Override
        public ObjectNode filesChangedOutside(Event.FilesChangedOutside e) {
            attempt(e.task(), e.worker(), e.attempt());
            strings(node.putArray("files"), e.files());
            return node;
        }

        @Override
        public ObjectNode agentsPaused(Event.AgentsPaused e) {
            node.put("task", e.task());
            node.put("pause_ms", e.pause().toMillis());
            return node;
        }

        @Override
        public ObjectNode groupCompleted(Event.GroupCompleted e) {
            node.put("group", e.group());
            node.put("tasks", e.tasks());
            node.put("duration_ms", e.duration().toMillis());
            return node;
        }

        @Override
        public ObjectNode runFinished(Event.RunFinished e) {
            finished(node, e.result());
            return node;
        }
    }

    /** {@code "overhead": {"to_start_ms": 1.2, "to_report_ms": 0.3, "prompt_bytes": 2345}} when the process started. */
    private static void overhead(ObjectNode node, java.util.Optional<Event.Overhead> overhead) {
        overhead.ifPresent(o -> {
            ObjectNode detail = node.putObject("overhead");
            detail.put("to_start_ms", o.toStart().toNanos() / 1_000_000.0);
            detail.put("to_report_ms", o.toReport().toNanos() / 1_000_000.0);
            if (o.promptBytes().isPresent()) {
                detail.put("prompt_bytes", o.promptBytes().getAsInt());
            }
        });
    }

    private static void finished(ObjectNode node, RunResult result) {
        node.put("exit_code", result.exitCode());
        node.put("total_tasks", result.tasks().size());
        node.put("completed", result.count(TaskStatus.COMPLETED));
        node.put("failed", result.count(TaskStatus.FAILED));
        node.put("flaky", result.tasks().values().stream()
                .filter(t -> t.status() == TaskStatus.COMPLETED && t.attempts().size() > 1).count());
        node.put("skipped", result.count(TaskStatus.SKIPPED));
        node.put("stopped", result.count(TaskStatus.STOPPED));
        node.put("already_done", result.count(TaskStatus.ALREADY_DONE));
        node.put("not_run", result.count(TaskStatus.NOT_RUN));
        node.put("duration_ms", result.duration().toMillis());
        node.put("workers_used", result.workersUsed());
        node.put("speedup", BigDecimal.valueOf(result.speedup()).setScale(2, RoundingMode.HALF_UP));
        node.put("critical_failure", result.criticalFailure().orElse(null));
        node.put("interrupted", result.interrupted());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
