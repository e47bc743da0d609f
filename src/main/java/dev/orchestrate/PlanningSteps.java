package dev.orchestrate;

import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlanDocument;
import dev.orchestrate.plan.PlanSettings;
import dev.orchestrate.plan.Planner;
import dev.orchestrate.scout.Context;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.session.Session;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.TaskFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps before execution: the scout writes context.json, the planner execution-plan.json, each
 * between the inbox and outbox messages of SPEC §3.
 */
final class PlanningSteps {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningSteps.class);

    private final PlanSettings settings;
    private final Terminal terminal;

    PlanningSteps(PlanSettings settings, Terminal terminal) {
        this.settings = settings;
        this.terminal = terminal;
    }

    Context scout(TaskFile taskFile, Path root, Session session) {
        Set<String> mentioned = mentioned(taskFile);
        session.writeJson("messages/scout-inbox.json", message("scout",
                "session_folder", session.dir(), "root", root, "mentioned_paths", mentioned.size(), "output", "context.json"));
        Context context = Scout.discover(root, mentioned);
        session.writeJson("context.json", context);
        session.writeJson("messages/scout-outbox.json", message("scout",
                "status", "completed", "output", "context.json", "duration_ms", context.durationMs(),
                "warnings", context.warnings()));
        context.warnings().forEach(w -> LOG.warn("scout: {}", w));
        terminal.detail("Scouted " + root + " in " + context.durationMs() + " ms");
        return context;
    }

    ExecutionPlan plan(TaskFile taskFile, Context context, Session session) {
        session.writeJson("messages/task-manager-inbox.json", message("task-manager",
                "session_folder", session.dir(), "task_file", taskFile.path(), "context", "context.json",
                "workers", settings.workers(), "output", "execution-plan.json"));
        long start = System.nanoTime();
        ExecutionPlan plan = Planner.plan(taskFile, context, settings);
        long planMs = (System.nanoTime() - start) / 1_000_000;
        session.writeJson("execution-plan.json", PlanDocument.of(plan));
        session.writeJson("messages/task-manager-outbox.json", message("task-manager",
                "status", "completed", "output", "execution-plan.json", "total_tasks", plan.tasks().size(),
                "total_groups", plan.groups().size(), "duration_ms", planMs));
        terminal.detail("Planned " + plan.tasks().size() + " tasks into " + plan.groups().size() + " groups in " + planMs + " ms");
        return plan;
    }

    /** Scout and plan in memory, for {@code --list}: no session folder is written. */
    ExecutionPlan planWithoutSession(TaskFile taskFile, Path root) {
        return Planner.plan(taskFile, Scout.discover(root, mentioned(taskFile)), settings);
    }

    private static Set<String> mentioned(TaskFile taskFile) {
        Set<String> mentioned = new LinkedHashSet<>();
        taskFile.tasks().forEach(t -> t.files().stream().map(FileRef::path).forEach(mentioned::add));
        return mentioned;
    }

    private static Map<String, Object> message(String agent, Object... keyValues) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("agent", agent);
        for (int i = 0; i < keyValues.length; i += 2) {
            message.put((String) keyValues[i], keyValues[i + 1]);
        }
        return message;
    }
}
