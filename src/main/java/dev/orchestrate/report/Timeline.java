package dev.orchestrate.report;

import dev.orchestrate.event.Held;
import dev.orchestrate.event.HumanTime;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * timeline.html (SPEC §8): a Gantt chart of the run in one self-contained file (inline SVG and CSS,
 * no script, no network): a row per worker, a bar per attempt coloured by outcome, the task, attempt
 * and duration on hover, a time axis in seconds and a legend. Written as well-formed XHTML, so any
 * browser opens it and an XML parser can check it.
 */
public final class Timeline {

    /** How an attempt ended, as the bar's class and the legend say it. */
    enum Outcome {
        COMPLETED("completed", "#2da44e"),
        FAILED("failed", "#cf222e"),
        TIMEOUT("timeout", "#e16f24"),
        STOPPED("stopped", "#8c959f");

        final String label;
        final String color;

        Outcome(String label, String color) {
            this.label = label;
            this.color = color;
        }

        static Outcome of(Attempt attempt) {
            if (attempt.succeeded()) {
                return COMPLETED;
            }
            String error = attempt.error().orElse("").toLowerCase(Locale.ROOT);
            if (error.startsWith("timeout") || error.contains("timed out")) {
                return TIMEOUT;
            }
            if (error.contains("interrupt") || error.contains("stopped") || error.contains("cancel")) {
                return STOPPED;
            }
            return FAILED;
        }
    }

    static final int CHART_WIDTH = 1000;
    static final int LABEL_WIDTH = 100;
    static final int ROW_HEIGHT = 34;
    static final int BAR_HEIGHT = 22;
    private static final int AXIS_HEIGHT = 30;
    private static final int TOP = 8;
    private static final double CHAR_WIDTH = 7.0;

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ExecutionPlan plan;
    private final RunResult result;
    private final Held held;

    public Timeline(ExecutionPlan plan, RunResult result) {
        this(plan, result, Held.NONE);
    }

    /** @param held the tasks resumed from an earlier session or not selected, which the page calls so */
    public Timeline(ExecutionPlan plan, RunResult result, Held held) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.result = Objects.requireNonNull(result, "result");
        this.held = Objects.requireNonNull(held, "held");
    }

    /** Writes timeline.html, atomically. */
    public void write(Path file) {
        try {
            Json.writeAtomically(file, html().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The page. */
    public String html() {
        Map<String, List<Bar>> rows = rows();
        Instant start = result.startedAt();
        long totalMs = Math.max(1, Math.max(result.duration().toMillis(),
                rows.values().stream().flatMap(List::stream)
                        .mapToLong(b -> Duration.between(start, b.attempt.endedAt()).toMillis()).max().orElse(0)));
        String title = "orchestrate timeline" + (plan.taskFile() == null ? "" : " – " + plan.taskFile().getFileName());
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<title>").append(Xml.text(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Xml.text(title)).append("</h1>\n");
        facts(html);
        legend(html);
        if (rows.isEmpty()) {
            html.append("<p class=\"empty\">No task ran: there is nothing to draw.</p>\n");
        } else {
            chart(html, rows, start, totalMs);
        }
        taskTable(html);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void facts(StringBuilder html) {
        long done = result.count(TaskStatus.ALREADY_DONE);
        html.append("<p class=\"facts\">")
                .append("Started ").append(Xml.text(STARTED.format(result.startedAt())))
                .append(" · ").append(Xml.text(HumanTime.words(result.duration())))
                .append(" · ").append(result.count(TaskStatus.COMPLETED)).append(" of ")
                .append(result.tasks().size() - done).append(" tasks completed");
        for (Held.Kind kind : Held.Kind.values()) {
            long n = result.tasks().keySet().stream().filter(id -> held.kind(id).orElse(null) == kind).count();
            if (n > 0) {
                html.append(" · ").append(n).append(' ').append(kind.words());
            }
        }
        html
                .append(" · ").append(result.count(TaskStatus.FAILED)).append(" failed")
                .append(" · ").append(result.count(TaskStatus.SKIPPED)).append(" skipped")
                .append(" · ").append(result.workersUsed()).append(" workers")
                .append(" · ").append(String.format(Locale.ROOT, "%.1fx speedup", result.speedup()));
        result.criticalFailure().ifPresent(reason -> html.append(" · stopped: ").append(Xml.text(reason)));
        html.append("</p>\n");
    }

    private static void legend(StringBuilder html) {
        html.append("<p class=\"legend\">");
        for (Outcome outcome : Outcome.values()) {
            html.append("<span class=\"key\"><span class=\"swatch ").append(outcome.label).append("\"></span>")
                    .append(outcome.label).append("</span>");
        }
        html.append("</p>\n");
    }

    private void chart(StringBuilder html, Map<String, List<Bar>> rows, Instant start, long totalMs) {
        int width = LABEL_WIDTH + CHART_WIDTH + 20;
        int height = TOP + rows.size() * ROW_HEIGHT + AXIS_HEIGHT;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\">\n");
        html.append("<title>").append(Xml.text("Attempts per worker over " + HumanTime.words(Duration.ofMillis(totalMs))))
                .append("</title>\n");
        for (int row = 1; row < rows.size(); row += 2) {
            html.append("<rect class=\"band\" x=\"0\" y=\"").append(TOP + row * ROW_HEIGHT).append("\" width=\"")
                    .append(width).append("\" height=\"").append(ROW_HEIGHT).append("\"/>\n");
        }
        int axisY = TOP + rows.size() * ROW_HEIGHT;
        double step = tickStep(totalMs / 1000.0);
        for (int i = 0; i * step <= totalMs / 1000.0 + 1e-9; i++) {
            double seconds = i * step;
            double x = LABEL_WIDTH + seconds * 1000.0 / totalMs * CHART_WIDTH;
            html.append("<line class=\"grid\" x1=\"").append(num(x)).append("\" y1=\"").append(TOP)
                    .append("\" x2=\"").append(num(x)).append("\" y2=\"").append(axisY + 4).append("\"/>\n");
            html.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(axisY + 18)
                    .append("\">").append(secondsLabel(seconds, step)).append("</text>\n");
        }
        html.append("<line class=\"axis\" x1=\"").append(LABEL_WIDTH).append("\" y1=\"").append(axisY)
                .append("\" x2=\"").append(LABEL_WIDTH + CHART_WIDTH).append("\" y2=\"").append(axisY).append("\"/>\n");
        int row = 0;
        for (Map.Entry<String, List<Bar>> entry : rows.entrySet()) {
            int y = TOP + row * ROW_HEIGHT;
            html.append("<text class=\"worker\" x=\"8\" y=\"").append(y + ROW_HEIGHT / 2 + 4).append("\">")
                    .append(Xml.text(entry.getKey())).append("</text>\n");
            for (Bar bar : entry.getValue()) {
                bar(html, bar, start, totalMs, y + (ROW_HEIGHT - BAR_HEIGHT) / 2);
            }
            row++;
        }
        html.append("</svg>\n");
    }

    private void bar(StringBuilder html, Bar bar, Instant start, long totalMs, int y) {
        Attempt a = bar.attempt;
        double x = LABEL_WIDTH + Math.max(0, Duration.between(start, a.startedAt()).toMillis()) * (double) CHART_WIDTH / totalMs;
        double w = Math.max(2, a.duration().toMillis() * (double) CHART_WIDTH / totalMs);
        Outcome outcome = Outcome.of(a);
        String hover = bar.task + (bar.title.isEmpty() ? "" : " – " + bar.title) + "\n"
                + "attempt " + a.number() + " on " + a.worker() + "\n"
                + HumanTime.compact(a.duration()) + ", " + outcome.label + a.error().map(e -> ": " + e).orElse("");
        html.append("<g class=\"bar ").append(outcome.label).append("\"><title>").append(Xml.text(hover)).append("</title>")
                .append("<rect x=\"").append(num(x)).append("\" y=\"").append(y).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(BAR_HEIGHT).append("\" rx=\"3\"/>");
        String label = bar.task + (a.number() > 1 ? " #" + a.number() : "");
        if (w >= label.length() * CHAR_WIDTH + 8) {
            html.append("<text x=\"").append(num(x + 5)).append("\" y=\"").append(y + BAR_HEIGHT / 2 + 4).append("\">")
                    .append(Xml.text(label)).append("</text>");
        }
        html.append("</g>\n");
    }

    private void taskTable(StringBuilder html) {
        html.append("<details>\n<summary>Tasks</summary>\n<table>\n")
                .append("<tr><th>Task</th><th>Title</th><th>Status</th><th>Attempts</th></tr>\n");
        for (TaskResult r : result.tasks().values()) {
            PlannedTask planned = plan.tasks().get(r.id());
            StringBuilder attempts = new StringBuilder();
            for (Attempt a : r.attempts()) {
                if (attempts.length() > 0) {
                    attempts.append("; ");
                }
                attempts.append('#').append(a.number()).append(' ').append(a.worker()).append(' ')
                        .append(HumanTime.compact(a.duration())).append(a.error().map(e -> " " + e).orElse(""));
            }
            if (r.status() == TaskStatus.SKIPPED && !r.blockedBy().isEmpty()) {
                attempts.append("blocked by ").append(String.join(", ", r.blockedBy()));
            }
            String status = r.status() == TaskStatus.ALREADY_DONE
                    ? held.kind(r.id()).map(Held.Kind::words).orElse("already done") : r.status().jsonName().replace('_', ' ');
            html.append("<tr><td>").append(Xml.text(r.id())).append("</td><td>")
                    .append(Xml.text(planned == null ? "" : planned.task().title())).append("</td><td class=\"")
                    .append(status.replace(' ', '_')).append("\">").append(status)
                    .append("</td><td>").append(Xml.text(attempts.toString())).append("</td></tr>\n");
        }
        html.append("</table>\n</details>\n");
    }

    /** Workers in natural order (worker-2 before worker-10), each with its attempts in time order. */
    private Map<String, List<Bar>> rows() {
        Map<String, List<Bar>> rows = new TreeMap<>(Comparator
                .comparing((String w) -> w.replaceAll("\\d+$", ""))
                .thenComparingLong(Timeline::trailingNumber)
                .thenComparing(Comparator.naturalOrder()));
        for (TaskResult r : result.tasks().values()) {
            PlannedTask planned = plan.tasks().get(r.id());
            String title = planned == null ? "" : planned.task().title();
            for (Attempt a : r.attempts()) {
                rows.computeIfAbsent(a.worker(), k -> new ArrayList<>()).add(new Bar(r.id(), title, a));
            }
        }
        rows.values().forEach(bars -> bars.sort(Comparator.comparing(b -> b.attempt.startedAt())));
        return rows;
    }

    private static long trailingNumber(String worker) {
        String digits = worker.replaceAll("^.*?(\\d+)$", "$1");
        if (digits.equals(worker) || digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    /** A round step (1, 2 or 5 × 10^n seconds) giving at most about ten ticks. */
    static double tickStep(double totalSeconds) {
        double raw = Math.max(totalSeconds, 0.001) / 10;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String secondsLabel(double seconds, double step) {
        if (step >= 1) {
            return String.format(Locale.ROOT, "%ds", Math.round(seconds));
        }
        int decimals = (int) Math.max(1, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "fs", seconds);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private record Bar(String task, String title, Attempt attempt) {
    }

    private static final String CSS = String.join("\n",
            "body { font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px; color: #1f2328; }",
            "h1 { font-size: 20px; margin: 0 0 4px; }",
            ".facts { color: #59636e; margin: 0 0 12px; }",
            ".legend { margin: 0 0 8px; }",
            ".key { margin-right: 18px; }",
            ".swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }",
            ".swatch.completed, .bar.completed rect { background: " + Outcome.COMPLETED.color + "; fill: " + Outcome.COMPLETED.color + "; }",
            ".swatch.failed, .bar.failed rect { background: " + Outcome.FAILED.color + "; fill: " + Outcome.FAILED.color + "; }",
            ".swatch.timeout, .bar.timeout rect { background: " + Outcome.TIMEOUT.color + "; fill: " + Outcome.TIMEOUT.color + "; }",
            ".swatch.stopped, .bar.stopped rect { background: " + Outcome.STOPPED.color + "; fill: " + Outcome.STOPPED.color + "; }",
            ".chart { max-width: 100%; height: auto; display: block; }",
            ".chart text { font: 11px ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }",
            ".bar text { fill: #ffffff; pointer-events: none; }",
            ".bar:hover rect { stroke: #1f2328; stroke-width: 1.5; }",
            ".worker { fill: #1f2328; font-weight: bold; }",
            ".band { fill: #f6f8fa; }",
            ".grid { stroke: #d1d9e0; stroke-dasharray: 2 3; }",
            ".axis { stroke: #59636e; }",
            ".tick { fill: #59636e; text-anchor: middle; }",
            "details { margin-top: 16px; }",
            "table { border-collapse: collapse; margin-top: 8px; }",
            "th, td { text-align: left; padding: 3px 10px; border-bottom: 1px solid #d1d9e0; vertical-align: top; }",
            "td.completed { color: " + Outcome.COMPLETED.color + "; }",
            "td.failed { color: " + Outcome.FAILED.color + "; }",
            "td.skipped, td.not_run, td.already_done, td.resumed, td.not_selected { color: #59636e; }",
            "");
}
