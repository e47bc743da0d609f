package dev.orchestrate.report;

import dev.orchestrate.event.HumanTime;
import dev.orchestrate.event.LogTail;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.session.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code --junit FILE} (SPEC §8): the run as a JUnit XML report, the dialect Jenkins, GitLab and
 * the GitHub test-report actions read. One {@code <testsuite>} (inside {@code <testsuites>}), one
 * {@code <testcase classname="G1" name="T003: title" time="1.234">} per task; a given-up task has a
 * {@code <failure message type>} with its attempts and log tail, a skipped one
 * {@code <skipped message="blocked by T007"/>}; tasks that never ran (already done, not run) are skipped too.
 */
public final class JUnitReport {

    /** How many log lines go into a failure: more than the console shows, CI pages are long. */
    static final int LOG_LINES = 50;
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

    /** Writes the report to {@code file} (creating its folder), atomically. */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Json.writeAtomically(file, xml().getBytes(StandardCharsets.UTF_8));
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
        String counts = " tests=\"" + cases.size() + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped
                + "\" time=\"" + seconds(result.duration()) + "\"";
        String name = "orchestrate" + (plan.taskFile() == null ? "" : " " + plan.taskFile().getFileName());
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"").append(Xml.attribute(name)).append('"').append(counts).append(">\n");
        xml.append("  <testsuite name=\"").append(Xml.attribute(name)).append('"').append(counts)
                .append(" timestamp=\"").append(TIMESTAMP.format(result.startedAt())).append("\">\n");
        xml.append("    <properties>\n");
        property(xml, "task_file", plan.taskFile() == null ? "" : plan.taskFile().toString());
        property(xml, "workers_used", Integer.toString(result.workersUsed()));
        property(xml, "speedup", String.format(Locale.ROOT, "%.2f", result.speedup()));
        result.criticalFailure().ifPresent(reason -> property(xml, "critical_failure", reason));
        xml.append("    </properties>\n");
        for (Case c : cases) {
            testcase(xml, c);
        }
        xml.append("  </testsuite>\n");
        xml.append("</testsuites>\n");
        return xml.toString();
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("      <property name=\"").append(Xml.attribute(name)).append("\" value=\"")
                .append(Xml.attribute(value)).append("\"/>\n");
    }

    private void testcase(StringBuilder xml, Case c) {
        TaskResult r = c.result;
        xml.append("    <testcase classname=\"").append(Xml.attribute(c.group)).append("\" name=\"")
                .append(Xml.attribute(r.id() + ": " + c.title)).append("\" time=\"").append(seconds(busy(r))).append('"');
        if (resumed.containsKey(r.id())) {
            xml.append(">\n      <system-out>").append(Xml.text(resumed.get(r.id()))).append("</system-out>\n    </testcase>\n");
            return;
        }
        switch (r.status()) {
            case COMPLETED:
                xml.append("/>\n");
                return;
            case FAILED:
                String reason = r.reason().orElse("failed");
                xml.append(">\n      <failure message=\"").append(Xml.attribute(reason)).append("\" type=\"")
                        .append(Xml.attribute(kind(reason))).append("\">")
                        .append(Xml.text(failureText(r))).append("</failure>\n    </testcase>\n");
                return;
            default:
                xml.append(">\n      <skipped message=\"").append(Xml.attribute(notSelected.getOrDefault(r.id(), skipMessage(r)))).append("\"/>\n    </testcase>\n");
        }
    }

    private String failureText(TaskResult r) {
        StringBuilder text = new StringBuilder();
        for (Attempt a : r.attempts()) {
            text.append("attempt ").append(a.number()).append(" on ").append(a.worker()).append(": ")
                    .append(a.error().orElse("completed")).append(" (").append(HumanTime.compact(a.duration())).append(")\n");
        }
        Path log = logOf.apply(r.id());
        List<String> tail = LogTail.read(log, LOG_LINES);
        if (!tail.isEmpty()) {
            text.append("--- last ").append(tail.size()).append(" lines of ").append(log).append(" ---\n");
            tail.forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    private static String skipMessage(TaskResult r) {
        switch (r.status()) {
            case SKIPPED:
                return r.blockedBy().isEmpty() ? "skipped" : "blocked by " + String.join(", ", r.blockedBy());
            case ALREADY_DONE:
                return "already done";
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
        for (TaskResult r : result.tasks().values()) {
            PlannedTask planned = plan.tasks().get(r.id());
            cases.add(new Case(r, classname(planned), planned == null ? "" : planned.task().title()));
        }
        for (PlannedTask planned : plan.tasks().values()) {
            if (!result.tasks().containsKey(planned.id())) {
                TaskStatus status = planned.alreadyDone() ? TaskStatus.ALREADY_DONE : TaskStatus.NOT_RUN;
                cases.add(new Case(new TaskResult(planned.id(), status, List.of(), result.criticalFailure(), List.of()),
                        classname(planned), planned.task().title()));
            }
        }
        return cases;
    }

    /** The group id; "orchestrate" for a task without one. */
    private static String classname(PlannedTask planned) {
        return planned == null || planned.group().isEmpty() ? "orchestrate" : planned.group();
    }

    private static Duration busy(TaskResult r) {
        return r.attempts().stream().map(Attempt::duration).reduce(Duration.ZERO, Duration::plus);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, duration.toMillis()) / 1000.0);
    }

    private record Case(TaskResult result, String group, String title) {
    }
}
