package dev.orchestrate.event;

import dev.orchestrate.event.Terminal.Verbosity;
import dev.orchestrate.plan.Group;
import dev.orchestrate.run.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lines each event prints on the console (SPEC §7), in order: one method per event type, so a
 * new event is a compile error here until it says what it prints. The failure's log tail (as the
 * {@link FailureDetail} folds it), and with {@code --output full} a completed task's output, go
 * under the event's own line. {@code --quiet} keeps only given-up failures.
 */
final class EventLines implements EventHandler<List<String>> {

    private final Terminal terminal;
    private final RunState state;
    private final FailureDetail failureDetail;
    private OutputMode output = OutputMode.FAILURES;
    private Function<String, Path> logOf;

    EventLines(Terminal terminal, RunState state, FailureDetail failureDetail) {
        this.terminal = terminal;
        this.state = state;
        this.failureDetail = failureDetail;
    }

    /** {@code --output}, and where a task's log is. */
    void output(OutputMode mode, Function<String, Path> logOf) {
        this.output = mode;
        this.logOf = logOf;
    }

    OutputMode output() {
        return output;
    }

    /** The log of a task id; null when not known. */
    Function<String, Path> logOf() {
        return logOf;
    }

    /** The lines {@code event} prints, in order; none for the run's end, whose lines are the recap's. */
    List<String> of(Event event) {
        return EventHandler.dispatch(event, this);
    }

    @Override
    public List<String> runStarted(Event.RunStarted e) {
        return quiet() ? List.of() : List.of(fit("Running " + HumanTime.plural(e.toRun(), "task") + " on "
                + HumanTime.plural(e.workers(), "worker") + notRunHere(e.totalTasks() - e.toRun())));
    }

    @Override
    public List<String> taskStarted(Event.TaskStarted e) {
        Terminal t = terminal;
        return quiet() ? List.of() : List.of(fit(t.yellow(Glyph.STARTED.cell(t)) + " " + id(e.task()) + " started by " + e.worker()
                + (e.attempt() > 1 ? " (attempt " + e.attempt() + "/" + e.maxAttempts() + ")" : "")
                + (verbose() ? " " + Glyph.DASH.in(t) + " " + t.clean(state.title(e.task())) : "")));
    }

    @Override
    public List<String> taskCompleted(Event.TaskCompleted e) {
        if (quiet()) {
            return List.of();
        }
        Terminal t = terminal;
        RunState.Row row = state.row(e.task());
        List<String> lines = new ArrayList<>();
        lines.add(fit(t.green(Glyph.COMPLETED.cell(t)) + " " + id(e.task()) + " completed by " + e.worker()
                + " (" + HumanTime.compact(e.duration()) + ")"
                + (e.attempt() > 1 ? " on attempt " + e.attempt() + " of " + Math.max(e.attempt(), row.maxAttempts) : "")
                + overhead(e.overhead())));
        if (output == OutputMode.FULL && logOf != null) {
            lines.addAll(failureDetail.output(e.task(), cleaned(logOf.apply(e.task()), e.task(), LogTail.MAX_LINES)));
        }
        return lines;
    }

    @Override
    public List<String> taskFailed(Event.TaskFailed e) {
        if (quiet() && !e.givingUp()) {
            return List.of();
        }
        Terminal t = terminal;
        List<String> lines = new ArrayList<>();
        lines.add(fit(t.red(Glyph.FAILED.cell(t)) + " " + id(e.task()) + " failed: " + t.clean(e.error())
                + " (attempt " + e.attempt() + "/" + e.maxAttempts() + ")"
                + (e.givingUp() ? " " + Glyph.DASH.in(t) + " giving up" : "") + overhead(e.overhead())));
        if (output == OutputMode.NONE) {
            lines.add(fit("    log: " + display(e.log())));
            return lines;
        }
        for (String line : failureDetail.lines(e, cleaned(e.log(), e.task(), LogTail.LINES))) {
            lines.add(fit(line));
        }
        return lines;
    }

    @Override
    public List<String> taskDeferred(Event.TaskDeferred e) {
        Terminal t = terminal;
        return quiet() ? List.of() : List.of(fit(t.yellow(Glyph.FAILED.cell(t)) + " " + id(e.task())
                + " deferred: file locked by " + e.lockedBy() + (verbose() ? " (" + t.clean(e.path()) + ")" : "")));
    }

    @Override
    public List<String> taskSkipped(Event.TaskSkipped e) {
        Terminal t = terminal;
        return quiet() ? List.of() : List.of(fit(t.dim(Glyph.SKIPPED.cell(t) + " " + id(e.task()) + " skipped: blocked by "
                + String.join(", ", e.blockedBy()))));
    }

    @Override
    public List<String> workerReplaced(Event.WorkerReplaced e) {
        Terminal t = terminal;
        return quiet() ? List.of() : List.of(fit(t.yellow(Glyph.WARNING.cell(t)) + " " + e.worker() + " replaced"
                + (verbose() ? " (" + t.clean(e.reason()) + ")" : "")
                + e.task().map(this::whereNext).orElse("")));
    }

    @Override
    public List<String> filesChangedOutside(Event.FilesChangedOutside e) {
        Terminal t = terminal;
        return quiet() ? List.of() : List.of(fit(t.yellow(Glyph.WARNING.cell(t)) + " " + id(e.task())
                + " changed files it did not declare: " + t.clean(String.join(", ", e.files()))));
    }

    @Override
    public List<String> agentsPaused(Event.AgentsPaused e) {
        Terminal t = terminal;
        return quiet() ? List.of() : List.of(fit(t.yellow(Glyph.WARNING.cell(t)) + " " + id(e.task())
                + " hit a rate limit: no new agent task starts for " + HumanTime.compact(e.pause())));
    }

    @Override
    public List<String> groupCompleted(Event.GroupCompleted e) {
        return quiet() ? List.of() : groupLine(e).map(List::of).orElse(List.of());
    }

    /** The end of the run prints the board, the recap and the summary ({@link Recap}), not a line of its own. */
    @Override
    public List<String> runFinished(Event.RunFinished e) {
        return List.of();
    }

    /** {@code  (2 already done, 3 resumed)}: the tasks this run holds back, by why; nothing when none. */
    private String notRunHere(int held) {
        Held h = state.held();
        int resumed = h.count(Held.Kind.RESUMED);
        int notSelected = h.count(Held.Kind.NOT_SELECTED);
        List<String> parts = new ArrayList<>();
        if (held - resumed - notSelected > 0) {
            parts.add((held - resumed - notSelected) + " already done");
        }
        if (resumed > 0) {
            parts.add(resumed + " resumed");
        }
        if (notSelected > 0) {
            parts.add(notSelected + " not selected");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** {@code ; T005 goes back to the queue for attempt 2/3}: where the task of a replaced worker goes. */
    private String whereNext(String task) {
        RunState.Row row = state.row(task);
        if (row.phase.ended()) {
            return "; " + id(task) + " " + (row.phase == RunState.Phase.FAILED ? "was given up" : "has ended");
        }
        return "; " + id(task) + " goes back to the queue"
                + (row.maxAttempts > 0 ? " for attempt " + (row.attempt + 1) + "/" + row.maxAttempts : "");
    }

    /**
     * {@code ═══ G2 finished: 3 completed, 1 failed, 1 skipped in 12s ═══}: what happened to the group's
     * tasks; nothing for a group of one task that completed, whose own line said so already.
     */
    private Optional<String> groupLine(Event.GroupCompleted e) {
        Terminal t = terminal;
        Map<RunState.Phase, Integer> counts = new EnumMap<>(RunState.Phase.class);
        Group group = state.groups().stream().filter(g -> g.id().equals(e.group())).findFirst().orElse(null);
        if (group != null) {
            state.rowsOf(group).forEach(r -> counts.merge(r.phase, 1, Integer::sum));
        }
        List<String> parts = new ArrayList<>();
        int completed = counts.getOrDefault(RunState.Phase.COMPLETED, 0);
        parts.add(completed + " completed");
        for (RunState.Phase phase : List.of(RunState.Phase.FAILED, RunState.Phase.SKIPPED, RunState.Phase.STOPPED,
                RunState.Phase.NOT_RUN, RunState.Phase.ALREADY_DONE, RunState.Phase.RESUMED, RunState.Phase.NOT_SELECTED)) {
            int n = counts.getOrDefault(phase, 0);
            if (n > 0) {
                parts.add(n + " " + phase.words());
            }
        }
        if (group == null) {
            parts.set(0, HumanTime.plural(e.tasks(), "task"));
        }
        String text = t.clean(e.group()) + " finished: " + String.join(", ", parts) + " in " + HumanTime.compact(e.duration());
        String rule = Glyph.RULE.times(t, 3);
        String line = rule + " " + text + " " + rule;
        int held = counts.getOrDefault(RunState.Phase.ALREADY_DONE, 0) + counts.getOrDefault(RunState.Phase.RESUMED, 0)
                + counts.getOrDefault(RunState.Phase.NOT_SELECTED, 0);
        boolean clean = completed + held == (group == null ? completed : group.tasks().size());
        if (clean && completed == 1 && group != null && group.tasks().size() == 1) {
            return Optional.empty();
        }
        String shown = terminal.tty() && TextWidth.of(line) > t.columns() ? text : line;
        return Optional.of(fit(clean ? t.bold(shown) : t.yellow(shown)));
    }

    /** What the last attempt of a task wrote, at most {@code lines} lines from the end of its log, cleaned. */
    private List<String> cleaned(Path log, String task, int lines) {
        List<String> cleaned = new ArrayList<>();
        for (String line : LogTail.ofLastAttempt(LogTail.read(log, lines), task)) {
            cleaned.add(terminal.clean(line));
        }
        return cleaned;
    }

    /** A log's path as the user can open it: relative to the current directory when inside it. */
    static String display(Path log) {
        if (log == null) {
            return "(no log)";
        }
        Path here = Path.of("").toAbsolutePath();
        Path absolute = log.toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : log.toString();
    }

    /** With {@code --verbose}: {@code  [scheduler 1.2 ms to start, 0.3 ms to report; prompt 2,345 bytes]}. */
    private String overhead(Optional<Event.Overhead> overhead) {
        if (!verbose() || overhead.isEmpty()) {
            return "";
        }
        Event.Overhead o = overhead.get();
        return terminal.dim(" [scheduler " + HumanTime.millis(o.toStart()) + " to start, " + HumanTime.millis(o.toReport())
                + " to report" + (o.promptBytes().isPresent()
                        ? String.format(Locale.ROOT, "; prompt %,d bytes", o.promptBytes().getAsInt()) : "") + "]");
    }

    private String id(String task) {
        return terminal.clean(task);
    }

    private boolean quiet() {
        return terminal.verbosity() == Verbosity.QUIET;
    }

    private boolean verbose() {
        return terminal.verbosity() == Verbosity.VERBOSE;
    }

    private String fit(String line) {
        return fit(terminal, line);
    }

    /** A line of ours, cut to the screen on a TTY (a CI log has no width: nothing is cut there). */
    static String fit(Terminal terminal, String line) {
        return terminal.tty() ? terminal.fit(line) : line;
    }
}
