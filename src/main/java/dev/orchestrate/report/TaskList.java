package dev.orchestrate.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.select.Decision;
import dev.orchestrate.select.Decision.Kind;
import dev.orchestrate.select.Selection;
import dev.orchestrate.session.Json;
import java.util.Locale;

/**
 * {@code --list}: one line per task for scripts, {@code id status priority executor title} separated by
 * tabs; with {@code --json}, one JSON object per task per line. Status is {@code pending} (it would run),
 * {@code done} (the file marks it done) or, with {@code --resume}, {@code resumed}. With {@code --only}
 * or {@code --from}, only the chosen tasks are listed.
 */
public final class TaskList {

    private TaskList() {
    }

    public static void print(ExecutionPlan plan, Selection selection, Terminal terminal) {
        for (PlannedTask task : plan.tasks().values()) {
            Decision d = selection.decision(task.id()).orElseThrow();
            if (d.kind() == Kind.NOT_SELECTED) {
                continue;
            }
            String executor = task.executor().name().toLowerCase(Locale.ROOT);
            if (terminal.json()) {
                ObjectNode line = Json.mapper().createObjectNode()
                        .put("id", task.id())
                        .put("status", SelectionReport.status(d))
                        .put("priority", task.priority().name())
                        .put("executor", executor)
                        .put("title", task.task().title())
                        .put("line", task.task().line())
                        .put("group", task.group().isEmpty() ? null : task.group())
                        .put("why", d.why())
                        .put("task_hash", d.hash());
                task.allDependencies().forEach(line.putArray("depends_on")::add);
                terminal.jsonLine(line.toString());
            } else {
                terminal.jsonLine(String.join("\t", task.id(), SelectionReport.status(d), task.priority().name(), executor,
                        task.task().title().replace('\t', ' ')));
            }
        }
    }
}
