package dev.orchestrate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.session.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * {@code --json} (SPEC §8): one JSON object per line on stdout for every event, and nothing else.
 * Every object has {@code type} and {@code ts} (ISO-8601 UTC, milliseconds); the others as they apply:
 * <ul>
 * <li>{@code run_started}: {@code total_tasks}, {@code to_run}, {@code workers}
 * <li>{@code task_started}: {@code task}, {@code worker}, {@code attempt}, {@code max_attempts}
 * <li>{@code task_completed}: {@code task}, {@code worker}, {@code attempt}, {@code duration_ms}
 * <li>{@code task_failed}: {@code task}, {@code worker}, {@code attempt}, {@code max_attempts}, {@code error},
 *     {@code exit_code} (null when the process never exited by itself), {@code giving_up}, {@code log}
 * <li>{@code task_deferred}: {@code task}, {@code worker}, {@code locked_by}, {@code path}
 * <li>{@code task_skipped}: {@code task}, {@code blocked_by} (ids), {@code error} ("blocked by T007")
 * <li>{@code worker_replaced}: {@code worker}, {@code task} (null when it held none), {@code reason}
 * <li>{@code group_completed}: {@code group}, {@code tasks}, {@code duration_ms}
 * <li>{@code run_finished}: {@code exit_code}, {@code total_tasks}, {@code completed}, {@code failed},
 *     {@code skipped}, {@code already_done}, {@code not_run}, {@code duration_ms}, {@code workers_used},
 *     {@code speedup}, {@code critical_failure}, {@code interrupted}
 * </ul>
 */
public final class JsonLinesPrinter implements EventListener {

    private final Terminal terminal;

    /** @param terminal prints each object with {@link Terminal#jsonLine(String)} */
    public JsonLinesPrinter(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public void on(Event event) {
        try {
            terminal.jsonLine(Json.mapper().writeValueAsString(toJson(event)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.type() + " as JSON", e);
        }
    }

    /** The object printed for {@code event}. */
    static ObjectNode toJson(Event event) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", event.type());
        node.put("ts", Json.time(event.ts()));
        if (event instanceof Event.RunStarted) {
            Event.RunStarted e = (Event.RunStarted) event;
            node.put("total_tasks", e.totalTasks());
            node.put("to_run", e.toRun());
            node.put("workers", e.workers());
        } else if (event instanceof Event.TaskStarted) {
            Event.TaskStarted e = (Event.TaskStarted) event;
            node.put("task", e.task());
            node.put("worker", e.worker());
            node.put("attempt", e.attempt());
            node.put("max_attempts", e.maxAttempts());
        } else if (event instanceof Event.TaskCompleted) {
            Event.TaskCompleted e = (Event.TaskCompleted) event;
            node.put("task", e.task());
            node.put("worker", e.worker());
            node.put("attempt", e.attempt());
            node.put("duration_ms", e.duration().toMillis());
            overhead(node, e.overhead());
        } else if (event instanceof Event.TaskFailed) {
            Event.TaskFailed e = (Event.TaskFailed) event;
            node.put("task", e.task());
            node.put("worker", e.worker());
            node.put("attempt", e.attempt());
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
        } else if (event instanceof Event.TaskDeferred) {
            Event.TaskDeferred e = (Event.TaskDeferred) event;
            node.put("task", e.task());
            node.put("worker", e.worker());
            node.put("locked_by", e.lockedBy());
            node.put("path", e.path());
        } else if (event instanceof Event.TaskSkipped) {
            Event.TaskSkipped e = (Event.TaskSkipped) event;
            node.put("task", e.task());
            strings(node.putArray("blocked_by"), e.blockedBy());
            node.put("error", "blocked by " + String.join(", ", e.blockedBy()));
        } else if (event instanceof Event.WorkerReplaced) {
            Event.WorkerReplaced e = (Event.WorkerReplaced) event;
            node.put("worker", e.worker());
            node.put("task", e.task().orElse(null));
            node.put("reason", e.reason());
        } else if (event instanceof Event.FilesChangedOutside) {
            Event.FilesChangedOutside e = (Event.FilesChangedOutside) event;
            node.put("task", e.task());
            node.put("worker", e.worker());
            node.put("attempt", e.attempt());
            strings(node.putArray("files"), e.files());
        } else if (event instanceof Event.AgentsPaused) {
            Event.AgentsPaused e = (Event.AgentsPaused) event;
            node.put("task", e.task());
            node.put("pause_ms", e.pause().toMillis());
        } else if (event instanceof Event.GroupCompleted) {
            Event.GroupCompleted e = (Event.GroupCompleted) event;
            node.put("group", e.group());
            node.put("tasks", e.tasks());
            node.put("duration_ms", e.duration().toMillis());
        } else if (event instanceof Event.RunFinished) {
            finished(node, ((Event.RunFinished) event).result());
        }
        return node;
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
        node.put("skipped", result.count(TaskStatus.SKIPPED));
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
