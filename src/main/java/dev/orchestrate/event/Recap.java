package dev.orchestrate.event;

import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The end of a run on the console (SPEC §7): each failed task again (reason, attempts, log path and
 * the last lines its last attempt wrote), then the EXECUTION SUMMARY.
 */
final class Recap {

    static final int SUMMARY_WIDTH = 58;
    /** At the end this many failed tasks are shown with their log tail; the others are named. */
    static final int MAX_RECAPPED = 10;
    private static final int MAX_LISTED = 5;

    private final Terminal terminal;
    private final RunState state;
    /** Where {@code --output} and the tasks' logs are known. */
    private final EventLines eventLines;

    Recap(Terminal terminal, RunState state, EventLines eventLines) {
        this.terminal = terminal;
        this.state = state;
        this.eventLines = eventLines;
    }

    /** Each failed task again, at the end: reason, attempts, log and the last lines its last attempt wrote. */
    List<String> failures(RunResult result) {
        Terminal t = terminal;
        List<TaskResult> failed = with(result, TaskStatus.FAILED);
        List<String> lines = new ArrayList<>();
        if (failed.isEmpty()) {
            return lines;
        }
        String title = HumanTime.plural(failed.size(), "task") + " failed";
        lines.add(EventLines.fit(terminal, t.red(t.bold(Glyph.RULE.times(t, 3) + " " + title + " " + Glyph.RULE.times(t, 3)))));
        for (int i = 0; i < failed.size() && i < MAX_RECAPPED; i++) {
            TaskResult r = failed.get(i);
            RunState.Row row = state.row(r.id());
            String taskTitle = row.title.isEmpty() ? "" : " " + Glyph.DASH.in(t) + " " + t.clean(row.title);
            lines.add(EventLines.fit(terminal, t.red(Glyph.FAILED.cell(t)) + " " + terminal.clean(r.id()) + ": " + t.clean(r.reason().orElse("failed"))
                    + " after " + HumanTime.plural(r.attempts().size(), "attempt") + taskTitle));
            Path log = row.log != null ? row.log : eventLines.logOf() != null ? eventLines.logOf().apply(r.id()) : null;
            lines.add(EventLines.fit(terminal, "    log: " + EventLines.display(log)));
            if (eventLines.output() != OutputMode.NONE && log != null) {
                LogTail.ofLastAttempt(LogTail.read(log, LogTail.LINES), r.id())
                        .forEach(line -> lines.add(EventLines.fit(terminal, "    " + terminal.clean(line))));
            }
        }
        if (failed.size() > MAX_RECAPPED) {
            List<String> more = new ArrayList<>();
            failed.subList(MAX_RECAPPED, failed.size()).forEach(r -> more.add(terminal.clean(r.id())));
            lines.add(EventLines.fit(terminal, "... and " + (failed.size() - MAX_RECAPPED) + " more: " + String.join(", ", more)));
        }
        return lines;
    }

    /** The EXECUTION SUMMARY block of SPEC §7. */
    List<String> summary(RunResult result) {
        Terminal t = terminal;
        String rule = Glyph.RULE.times(t, terminal.tty() ? Math.min(SUMMARY_WIDTH, t.columns()) : SUMMARY_WIDTH);
        List<String> lines = new ArrayList<>();
        lines.add(rule);
        lines.add(t.bold("EXECUTION SUMMARY"));
        lines.add(rule);
        long done = result.count(TaskStatus.ALREADY_DONE);
        long toRun = result.tasks().size() - done;
        long completed = result.count(TaskStatus.COMPLETED);
        String completedLine = "Completed: " + completed + " of " + HumanTime.plural(toRun, "task");
        lines.add(completed == toRun ? t.green(completedLine) : completedLine);
        Held held = state.held();
        long resumed = result.tasks().keySet().stream().filter(held.resumed()::contains).count();
        long notSelected = result.tasks().keySet().stream().filter(held.notSelected()::contains).count();
        if (done - resumed - notSelected > 0) {
            lines.add("Already done: " + HumanTime.plural(done - resumed - notSelected, "task"));
        }
        if (resumed > 0) {
            lines.add("Resumed: " + HumanTime.plural(resumed, "task") + held.resumedFrom().map(from -> " (from " + t.clean(from) + ")").orElse(""));
        }
        if (notSelected > 0) {
            lines.add("Not selected: " + HumanTime.plural(notSelected, "task"));
        }
        List<TaskResult> failed = with(result, TaskStatus.FAILED);
        String failedLine = "Failed: " + HumanTime.plural(failed.size(), "task")
                + listed(failed, r -> r.id() + ": " + r.reason().orElse("failed"));
        lines.add(failed.isEmpty() ? failedLine : t.red(failedLine));
        List<TaskResult> flaky = new ArrayList<>();
        with(result, TaskStatus.COMPLETED).stream().filter(r -> r.attempts().size() > 1).forEach(flaky::add);
        if (!flaky.isEmpty()) {
            lines.add(t.yellow("Flaky: " + HumanTime.plural(flaky.size(), "task") + listed(flaky, r -> r.id() + " passed on attempt "
                    + r.attempts().size() + " of " + Math.max(r.attempts().size(), state.row(r.id()).maxAttempts))));
        }
        List<TaskResult> skipped = with(result, TaskStatus.SKIPPED);
        String skippedLine = "Skipped: " + HumanTime.plural(skipped.size(), "task")
                + listed(skipped, r -> r.id() + (r.blockedBy().isEmpty() ? "" : " blocked by " + String.join(" and ", r.blockedBy())));
        lines.add(skipped.isEmpty() ? skippedLine : t.yellow(skippedLine));
        long notRun = result.count(TaskStatus.NOT_RUN);
        if (notRun > 0) {
            lines.add("Not run: " + HumanTime.plural(notRun, "task"));
        }
        List<TaskResult> stopped = with(result, TaskStatus.STOPPED);
        if (!stopped.isEmpty()) {
            lines.add(t.yellow("Stopped: " + HumanTime.plural(stopped.size(), "task") + listed(stopped, TaskResult::id)));
        }
        if (result.interrupted()) {
            lines.add(t.red("Run stopped: interrupted"));
        } else {
            result.criticalFailure().ifPresent(reason -> lines.add(t.red("Run stopped: " + t.clean(reason))));
        }
        lines.add("Duration: " + HumanTime.words(result.duration()));
        lines.add("Workers used: " + result.workersUsed());
        if (result.tasksRun() >= 2) {
            lines.add(String.format(Locale.ROOT, "Parallelism achieved: %.1fx speedup", result.speedup()));
        }
        result.agentUsage().ifPresent(usage -> lines.add("Agent cost: " + AgentCost.describe(usage)));
        result.agentBudgetUsd().ifPresent(budget -> lines.add("Agent budget: " + AgentCost.spentOf(result.agentUsage(), budget)));
        lines.add(rule);
        lines.replaceAll(line -> EventLines.fit(terminal, line));
        return lines;
    }

    private static List<TaskResult> with(RunResult result, TaskStatus status) {
        List<TaskResult> list = new ArrayList<>();
        result.tasks().values().forEach(r -> {
            if (r.status() == status) {
                list.add(r);
            }
        });
        return list;
    }

    private String listed(List<TaskResult> results, Function<TaskResult, String> describe) {
        if (results.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < results.size() && i < MAX_LISTED; i++) {
            parts.add(terminal.clean(describe.apply(results.get(i))));
        }
        if (results.size() > MAX_LISTED) {
            parts.add("+" + (results.size() - MAX_LISTED) + " more");
        }
        return " (" + String.join(", ", parts) + ")";
    }
}
