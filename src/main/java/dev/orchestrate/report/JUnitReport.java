package dev.orchestrate.report;

import dev.orchestrate.event.HumanTime;
import dev.orchestrate.event.LogTail;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code --junit FILE} (SPEC §8): the run as a JUnit XML report in the dialect Maven Surefire
 * writes and Jenkins ({@code junit-10.xsd}), GitLab and the GitHub test-report actions read. One
 * {@code <testsuite>} (inside {@code <testsuites>}), one
 * {@code <testcase classname="tasks_md.P1 High" name="T003: title" time="1.234">} per task: the
 * classname is the task file and the section (phase or priority heading) the task stands under,
 * so it stays the same when the plan's groups are renumbered. The attempt's log tail goes into
 * {@code <system-out>}. A given-up task has a {@code <failure message type>} with its attempts, and
 * a {@code <rerunFailure>} for each earlier attempt; a task that passed after failing (flaky) a
 * {@code <flakyFailure>} for each failed attempt; a skipped one {@code <skipped message="blocked by T007"/>};
 * tasks that never ran (already done, not run, stopped) are skipped too.
 */
public final class JUnitReport {

    /** How many log lines of an attempt go into the report: more than the console shows, CI pages are long. */
    static final int LOG_LINES = 50;
    /** How many lines are read from the end of a log to find every attempt's. */
    private static final int LOG_READ = 2000;
    /** JUnit's timestamp: ISO-8601 without zone (we write UTC). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ExecutionPlan plan;
    private final RunResult result;
    private final Function<String, Path> logOf;
    private Map<String, String> resumed = Map.of();
    private Map<String, String> notSelected = Map.of();

    /**
     * @param logOf the log file of a task id, usually {@code session::log}; its tail goes into failures
     */
    public JUnitReport(ExecutionPlan plan, RunResult result, Function<String, Path> logOf) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.result = Objects.requireNonNull(result, "result");
        this.logOf = Objects.requireNonNull(logOf, "logOf");
    }

    /** Resumed tasks pass with their note; tasks left out by --only or --from are skipped with theirs. */
    public JUnitReport noting(Map<String, String> resumed, Map<String, String> notSelected) {
        this.resumed = Map.copyOf(resumed);
        this.notSelected = Map.copyOf(notSelected);
        return this;
    }

    /** Writes the report to {@code file} as {@link OutputPath#write} does: a regular file atomically, a device in place. */
    public void write(Path file) {
        try {
            OutputPath.write(file, xml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report's text. */
    public String xml() {
        List<Case> cases = cases();
        long failures = cases.stream().filter(c -> c.result.status() == TaskStatus.FAILED).count();
        long skipped = cases.stream().filter(c -> c.result.status() != TaskStatus.FAILED
                && c.result.status() != TaskStatus.COMPLETED && !resumed.containsKey(c.result.id())).count();
        String name = "orchestrate" + (plan.taskFile() == null ? "" : " " + plan.taskFile().getFileName());
        String time = seconds(result.duration());
        XmlWriter xml = new XmlWriter();
        // junit-10.xsd: skipped= belongs to <testsuite> only
        xml.start(0, "testsuites", "name", name, "tests", Integer.toString(cases.size()), "failures", Long.toString(failures),
                "errors", "0", "time", time);
        xml.start(1, "testsuite", "name", name, "tests", Integer.toString(cases.size()), "failures", Long.toString(failures),
                "errors", "0", "skipped", Long.toString(skipped), "time", time,
                "timestamp", TIMESTAMP.format(result.startedAt()));
        xml.start(2, "properties");
        xml.empty(3, "property", "name", "task_file", "value", plan.taskFile() == null ? "" : plan.taskFile().toString());
        xml.empty(3, "property", "name", "workers_used", "value", Integer.toString(result.workersUsed()));
        xml.empty(3, "property", "name", "speedup", "value", String.format(Locale.ROOT, "%.2f", result.speedup()));
        result.criticalFailure().ifPresent(reason -> xml.empty(3, "property", "name", "critical_failure", "value", reason));
        xml.end(2);
        for (Case c : cases) {
            testcase(xml, c);
        }
        xml.end(1);
        xml.end(0);
        return xml.finish();
    }

    private void testcase(XmlWriter xml, Case c) {
        TaskResult r = c.result;
        xml.start(2, "testcase", "classname", c.classname, "name", r.id() + ": " + c.title, "time", seconds(busy(r)));
        if (resumed.containsKey(r.id())) {
            xml.text(3, "system-out", resumed.get(r.id()));
            xml.end(2);
            return;
        }
        List<String> log = r.attempts().isEmpty() ? List.of() : LogTail.read(logOf.apply(r.id()), LOG_READ);
        List<Attempt> failedBefore = r.attempts().isEmpty() ? List.of() : r.attempts().subList(0, r.attempts().size() - 1);
        switch (r.status()) {
            case COMPLETED:
                // Surefire's flaky test: it passed on a rerun; each failed run is a <flakyFailure>
                for (Attempt a : failedBefore) {
                    rerun(xml, "flakyFailure", r, a, log);
                }
                break;
            case FAILED:
                String reason = r.reason().orElse("failed");
                xml.text(3, "failure", failureText(r), "message", reason, "type", kind(reason));
                for (Attempt a : failedBefore) {
                    rerun(xml, "rerunFailure", r, a, log);
                }
                break;
            default:
                xml.empty(3, "skipped", "message", notSelected.getOrDefault(r.id(), skipMessage(r)));
        }
        if (!r.attempts().isEmpty()) {
            List<String> out = attemptLines(log, r.id(), r.attempts().get(r.attempts().size() - 1).number());
            if (!out.isEmpty()) {
                xml.text(3, "system-out", String.join("\n", out) + "\n");
            }
        }
        xml.end(2);
    }

    /** {@code <flakyFailure>} / {@code <rerunFailure>} as Surefire writes them: message, type, stackTrace, system-out. */
    private static void rerun(XmlWriter xml, String element, TaskResult r, Attempt a, List<String> log) {
        String error = a.error().orElse("failed");
        xml.start(3, element, "message", error, "type", kind(error));
        xml.text(4, "stackTrace", describe(a));
        List<String> out = attemptLines(log, r.id(), a.number());
        if (!out.isEmpty()) {
            xml.text(4, "system-out", String.join("\n", out) + "\n");
        }
        xml.end(3);
    }

    /** Every attempt of a given-up task, then the log tail of its last attempt and where the whole log is. */
    private String failureText(TaskResult r) {
        StringBuilder text = new StringBuilder();
        for (Attempt a : r.attempts()) {
            text.append(describe(a)).append('\n');
        }
        Path log = logOf.apply(r.id());
        List<String> tail = r.attempts().isEmpty() ? LogTail.read(log, LOG_LINES)
                : attemptLines(LogTail.read(log, LOG_READ), r.id(), r.attempts().get(r.attempts().size() - 1).number());
        if (!tail.isEmpty()) {
            text.append("--- last ").append(tail.size()).append(" lines of ").append(log).append(" ---\n");
            tail.forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    private static String describe(Attempt a) {
        return "attempt " + a.number() + " on " + a.worker() + ": " + a.error().orElse("completed")
                + " (" + HumanTime.compact(a.duration()) + ")";
    }

    /**
     * What attempt {@code number} of {@code taskId} wrote, from the end of its log: the lines after its
     * {@code === <id> attempt <n>} header up to the next attempt's (the worker's own {@code === … ===}
     * marks left out), at most {@link #LOG_LINES}; the whole tail when the log has no headers.
     */
    static List<String> attemptLines(List<String> log, String taskId, int number) {
        return last(LogTail.ofAttempt(log, taskId, number));
    }

    private static List<String> last(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
    }

    private static String skipMessage(TaskResult r) {
        switch (r.status()) {
            case SKIPPED:
                return r.blockedBy().isEmpty() ? "skipped" : "blocked by " + String.join(", ", r.blockedBy());
            case ALREADY_DONE:
                return "already done";
            case STOPPED:
                return "stopped" + r.reason().map(reason -> ": " + reason).orElse("");
            default:
                return "not run" + r.reason().map(reason -> ": " + reason).orElse("");
        }
    }

    /** {@code timeout}, {@code exit} or {@code error}: what a CI page can group failures by. */
    static String kind(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.startsWith("timeout")) {
            return "timeout";
        }
        if (lower.startsWith("exit")) {
            return "exit";
        }
        return "error";
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Sections sections = Sections.of(plan);
        for (TaskResult r : result.tasks().values()) {
            PlannedTask planned = plan.tasks().get(r.id());
            cases.add(new Case(r, classname(planned, sections), planned == null ? "" : planned.task().title()));
        }
        for (PlannedTask planned : plan.tasks().values()) {
            if (!result.tasks().containsKey(planned.id())) {
                TaskStatus status = planned.alreadyDone() ? TaskStatus.ALREADY_DONE : TaskStatus.NOT_RUN;
                cases.add(new Case(new TaskResult(planned.id(), status, List.of(), result.criticalFailure(), List.of()),
                        classname(planned, sections), planned.task().title()));
            }
        }
        return cases;
    }

    /**
     * The task file (its dots as {@code _}, so that a report's package is the file and its class the
     * section) and, where the task stands under one, its section heading: {@code tasks_md.Phase 2: Foundational}.
     */
    private String classname(PlannedTask planned, Sections sections) {
        String file = plan.taskFile() == null ? "orchestrate" : display(plan.taskFile()).replace('.', '_');
        if (planned == null) {
            return file;
        }
        return sections.above(planned.task().line()).map(section -> file + "." + section.replace('.', '_')).orElse(file);
    }

    /** The task file relative to the current directory when inside it (as a CI job names it), else its name. */
    private static String display(Path taskFile) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = taskFile.toAbsolutePath().normalize();
        return (absolute.startsWith(here) ? here.relativize(absolute) : absolute.getFileName()).toString().replace('\\', '/');
    }

    private static Duration busy(TaskResult r) {
        return r.attempts().stream().map(Attempt::duration).reduce(Duration.ZERO, Duration::plus);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, duration.toMillis()) / 1000.0);
    }

    private record Case(TaskResult result, String classname, String title) {
    }
}
