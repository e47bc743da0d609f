package dev.orchestrate.event;

import dev.orchestrate.event.Terminal.Verbosity;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import dev.orchestrate.plan.Group;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The human view of a run (SPEC §7): one line per event, the log tail under a failure, the status
 * board, and at the end the failed tasks again (reason, log, last lines) and the EXECUTION SUMMARY.
 *
 * <p>On a TTY the board and a progress line stay at the bottom of the screen, redrawn in place:
 * event lines scroll above them, the board's rows are renewed every 10 events or 30 seconds and the
 * progress line every tick. Every line of that block is cut to the screen's width, and the board
 * has no more rows than the screen leaves room for, so it never wraps and can always be erased.
 * Without a TTY (a CI log) nothing is redrawn: event lines, the board at most once a minute, and
 * the board once more at the end.
 *
 * <p>Events arrive on the coordinator thread. The optional {@link #startTicker() ticker} thread
 * only asks for the progress line and the timed board; both paths take the one {@code lock} of
 * this printer, so the printer's state and its lines never interleave.
 *
 * <p>{@code --quiet}: only given-up failures (with their log tail), the failures again and the
 * summary. {@code --verbose}: task titles on start, the locked path of a deferral, a replacement's reason.
 */
public final class ConsolePrinter implements EventListener {

    /** On a TTY the board's rows are renewed after this many events… */
    public static final int BOARD_EVERY_EVENTS = 10;
    /** …or when this much time passed since the last time. */
    public static final Duration BOARD_EVERY = Duration.ofSeconds(30);
    /** Without a TTY the board is printed at most this often, and at the end. */
    public static final Duration BOARD_EVERY_IN_A_LOG = Duration.ofMinutes(1);
    /** The console board lists at most this many tasks; progress.txt lists them all. */
    static final int BOARD_ROWS = 25;
    static final int SUMMARY_WIDTH = 58;
    /** At the end this many failed tasks are shown with their log tail; the others are named. */
    static final int MAX_RECAPPED = 10;
    private static final int MAX_LISTED = 5;
    /** Lines of the live block that are not task rows: the board's frame and groups, the progress line. */
    private static final int BLOCK_FRAME = 12;
    /** On a TTY the live block is drawn again at most this often on events; the ticker catches up. */
    private static final long REDRAW_NANOS = Duration.ofMillis(50).toNanos();
    private static final Duration TTY_TICK = Duration.ofMillis(250);
    private static final Duration LOG_TICK = Duration.ofSeconds(1);
    /** Up to this many tasks the board is cheap enough to renew on every draw, so its rows never lag the progress line. */
    private static final int ALWAYS_RENEWED = 500;

    private final Object lock = new Object();
    private final Terminal terminal;
    private final Clock clock;
    private final FailureDetail failureDetail;
    private final RunState state;
    private OutputMode output = OutputMode.FAILURES;
    private Function<String, Path> logOf;
    private int eventsSinceBoard;
    private Instant lastBoard;
    /** The board's lines as last rendered (TTY); the progress line is rendered on each draw. */
    private List<String> board = List.of();
    /** The live block at the bottom of the screen: its height, and {@link Terminal#written()} right after it. */
    private int liveHeight;
    private long liveMark = -1;
    private long lastDraw;
    private String lastProgress = "";
    private Ticker ticker;
    private boolean finished;

    /** The console view with failures' log tails indented under them. */
    public ConsolePrinter(ExecutionPlan plan, Terminal terminal, Clock clock) {
        this(plan, terminal, clock, FailureDetail.indented());
    }

    /**
     * @param plan          the plan being run: task titles, groups, worker count
     * @param terminal      where the lines go, with its colour/ASCII/verbosity/size
     * @param clock         the time of the board's "Time elapsed" and of the timed boards
     * @param failureDetail what goes under a failure line (GitHub Actions passes its own)
     */
    public ConsolePrinter(ExecutionPlan plan, Terminal terminal, Clock clock, FailureDetail failureDetail) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failureDetail = Objects.requireNonNull(failureDetail, "failureDetail");
        this.state = new RunState(Objects.requireNonNull(plan, "plan"));
        this.lastBoard = clock.instant();
    }

    /**
     * {@code --output}: how much of the tasks' own output to show. Returns this printer.
     *
     * @param logOf the log file of a task id (usually {@code session::log}): {@code full} reads completed tasks' output there
     */
    public ConsolePrinter output(OutputMode mode, Function<String, Path> logOf) {
        synchronized (lock) {
            this.output = Objects.requireNonNull(mode, "mode");
            this.logOf = logOf;
        }
        return this;
    }

    /**
     * Starts a daemon thread that keeps the view current without events: on a TTY the progress
     * line every quarter second, elsewhere the board once a minute. Stopped by {@link #close()} or
     * the end of the run. Returns this printer.
     */
    /**
     * The tasks the plan calls done although the file does not: resumed from an earlier session, or
     * not selected. The start line, the board and the summary call them so. Returns this printer.
     */
    public ConsolePrinter holding(Held held) {
        synchronized (lock) {
            state.hold(held);
        }
        return this;
    }

    public ConsolePrinter startTicker() {
        synchronized (lock) {
            if (ticker == null && !finished && !quiet()) {
                ticker = Ticker.every(terminal.tty() ? TTY_TICK : LOG_TICK, "orchestrate-board", this::tick);
            }
        }
        return this;
    }

    /** Brings the view up to date if the run is under way: the timed board, and on a TTY the progress line. */
    public void tick() {
        synchronized (lock) {
            if (finished || state.startedAt().isEmpty() || quiet()) {
                return;
            }
            if (!terminal.tty()) {
                if (boardDue(BOARD_EVERY_IN_A_LOG)) {
                    printBoardInLog();
                }
                return;
            }
            boolean renew = boardDue(BOARD_EVERY);
            if (renew) {
                renderBoard();
            }
            if (renew || !liveShown() || !progress().equals(lastProgress)) {
                draw(List.of());
            }
        }
    }

    @Override
    public void on(Event event) {
        synchronized (lock) {
            state.apply(event);
            if (event instanceof Event.RunFinished) {
                finish((Event.RunFinished) event);
                return;
            }
            List<String> lines = lines(event);
            if (event instanceof Event.RunStarted) {
                lastBoard = clock.instant();
                eventsSinceBoard = 0;
                if (terminal.tty() && !quiet()) {
                    renderBoard();
                    draw(lines);
                } else {
                    lines.forEach(terminal::line);
                }
                return;
            }
            eventsSinceBoard++;
            if (!terminal.tty() || quiet() || state.startedAt().isEmpty()) {
                lines.forEach(terminal::line);
                if (!quiet() && boardDue(BOARD_EVERY_IN_A_LOG)) {
                    printBoardInLog();
                }
                return;
            }
            boolean renew = eventsSinceBoard >= BOARD_EVERY_EVENTS || boardDue(BOARD_EVERY);
            if (renew) {
                renderBoard();
            }
            if (renew || System.nanoTime() - lastDraw >= REDRAW_NANOS) {
                draw(lines);
            } else if (!lines.isEmpty()) {
                // a burst of events: the lines now, the block again at the next tick
                if (liveShown()) {
                    terminal.rewrite(liveHeight, lines);
                } else {
                    lines.forEach(terminal::line);
                }
                liveHeight = 0;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            stopTicker();
        }
    }

    private boolean quiet() {
        return terminal.verbosity() == Verbosity.QUIET;
    }

    private boolean verbose() {
        return terminal.verbosity() == Verbosity.VERBOSE;
    }

    private boolean boardDue(Duration every) {
        return !Duration.between(lastBoard, clock.instant()).minus(every).isNegative();
    }

    /** A line of ours, cut to the screen on a TTY (a CI log has no width: nothing is cut there). */
    private String fit(String line) {
        return terminal.tty() ? terminal.fit(line) : line;
    }

    /** The lines an event prints, in order. */
    private List<String> lines(Event event) {
        List<String> lines = new ArrayList<>();
        Terminal t = terminal;
        if (event instanceof Event.TaskFailed) {
            Event.TaskFailed e = (Event.TaskFailed) event;
            if (!quiet() || e.givingUp()) {
                failed(e, lines);
            }
            return lines;
        }
        if (quiet()) {
            return lines;
        }
        if (event instanceof Event.RunStarted) {
            Event.RunStarted e = (Event.RunStarted) event;
            lines.add(fit("Running " + HumanTime.plural(e.toRun(), "task") + " on " + HumanTime.plural(e.workers(), "worker")
                    + notRunHere(e.totalTasks() - e.toRun())));
        } else if (event instanceof Event.TaskStarted) {
            Event.TaskStarted e = (Event.TaskStarted) event;
            lines.add(fit(t.yellow(Glyph.STARTED.cell(t)) + " " + id(e.task()) + " started by " + e.worker()
                    + (e.attempt() > 1 ? " (attempt " + e.attempt() + "/" + e.maxAttempts() + ")" : "")
                    + (verbose() ? " " + Glyph.DASH.in(t) + " " + t.clean(state.title(e.task())) : "")));
        } else if (event instanceof Event.TaskCompleted) {
            Event.TaskCompleted e = (Event.TaskCompleted) event;
            RunState.Row row = state.row(e.task());
            lines.add(fit(t.green(Glyph.COMPLETED.cell(t)) + " " + id(e.task()) + " completed by " + e.worker()
                    + " (" + HumanTime.compact(e.duration()) + ")"
                    + (e.attempt() > 1 ? " on attempt " + e.attempt() + " of " + Math.max(e.attempt(), row.maxAttempts) : "")
                    + overhead(e.overhead())));
            if (output == OutputMode.FULL && logOf != null) {
                lines.addAll(failureDetail.output(e.task(), attemptOutput(logOf.apply(e.task()), e.task())));
            }
        } else if (event instanceof Event.TaskDeferred) {
            Event.TaskDeferred e = (Event.TaskDeferred) event;
            lines.add(fit(t.yellow(Glyph.FAILED.cell(t)) + " " + id(e.task()) + " deferred: file locked by " + e.lockedBy()
                    + (verbose() ? " (" + t.clean(e.path()) + ")" : "")));
        } else if (event instanceof Event.TaskSkipped) {
            Event.TaskSkipped e = (Event.TaskSkipped) event;
            lines.add(fit(t.dim(Glyph.SKIPPED.cell(t) + " " + id(e.task()) + " skipped: blocked by "
                    + String.join(", ", e.blockedBy()))));
        } else if (event instanceof Event.WorkerReplaced) {
            Event.WorkerReplaced e = (Event.WorkerReplaced) event;
            lines.add(fit(t.yellow(Glyph.WARNING.cell(t)) + " " + e.worker() + " replaced"
                    + (verbose() ? " (" + t.clean(e.reason()) + ")" : "")
                    + e.task().map(this::whereNext).orElse("")));
        } else if (event instanceof Event.FilesChangedOutside) {
            Event.FilesChangedOutside e = (Event.FilesChangedOutside) event;
            lines.add(fit(t.yellow(Glyph.WARNING.cell(t)) + " " + id(e.task()) + " changed files it did not declare: "
                    + t.clean(String.join(", ", e.files()))));
        } else if (event instanceof Event.AgentsPaused) {
            Event.AgentsPaused e = (Event.AgentsPaused) event;
            lines.add(fit(t.yellow(Glyph.WARNING.cell(t)) + " " + id(e.task())
                    + " hit a rate limit: no new agent task starts for " + HumanTime.compact(e.pause())));
        } else if (event instanceof Event.GroupCompleted) {
            groupLine((Event.GroupCompleted) event).ifPresent(lines::add);
        }
        return lines;
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

    private void failed(Event.TaskFailed e, List<String> lines) {
        Terminal t = terminal;
        lines.add(fit(t.red(Glyph.FAILED.cell(t)) + " " + id(e.task()) + " failed: " + t.clean(e.error())
                + " (attempt " + e.attempt() + "/" + e.maxAttempts() + ")"
                + (e.givingUp() ? " " + Glyph.DASH.in(t) + " giving up" : "") + overhead(e.overhead())));
        if (output == OutputMode.NONE) {
            lines.add(fit("    log: " + display(e.log())));
            return;
        }
        for (String line : failureDetail.lines(e, tail(e.log(), e.task()))) {
            lines.add(fit(line));
        }
    }

    /** The last lines the last attempt of a task wrote, cleaned. */
    private List<String> tail(Path log, String task) {
        List<String> tail = new ArrayList<>();
        for (String line : LogTail.ofLastAttempt(LogTail.read(log, LogTail.LINES), task)) {
            tail.add(terminal.clean(line));
        }
        return tail;
    }

    /** All a task's last attempt wrote (up to what {@link LogTail} reads from the end), cleaned. */
    private List<String> attemptOutput(Path log, String task) {
        List<String> lines = new ArrayList<>();
        for (String line : LogTail.ofLastAttempt(LogTail.read(log, LogTail.MAX_LINES), task)) {
            lines.add(terminal.clean(line));
        }
        return lines;
    }

    private static String display(Path log) {
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

    // ---- the board ---------------------------------------------------------------------------

    /** The board's rows for the live block: as many as the screen leaves room for. */
    private void renderBoard() {
        int rows = terminal.rows();
        int maxRows = rows <= 0 ? BOARD_ROWS : Math.min(BOARD_ROWS, rows - BLOCK_FRAME - 2);
        // a screen too low for any row keeps only the progress line
        board = maxRows < 1 ? List.of() : StatusBoard.render(state, clock.instant(), terminal, maxRows, terminal.columns());
        lastBoard = clock.instant();
        eventsSinceBoard = 0;
    }

    private String progress() {
        return ProgressLine.render(state, clock.instant(), terminal, terminal.columns());
    }

    private boolean liveShown() {
        return liveHeight > 0 && liveMark == terminal.written();
    }

    /** Prints {@code lines}, then the live block under them, in place of the block on screen. */
    private void draw(List<String> lines) {
        if (state.size() <= ALWAYS_RENEWED) {
            renderBoard();
        }
        List<String> block = new ArrayList<>(board);
        lastProgress = progress();
        block.add(lastProgress);
        List<String> all = new ArrayList<>(lines);
        all.addAll(block);
        terminal.rewrite(liveShown() ? liveHeight : 0, all);
        liveHeight = block.size();
        liveMark = terminal.written();
        lastDraw = System.nanoTime();
    }

    private void printBoardInLog() {
        StatusBoard.render(state, clock.instant(), terminal, BOARD_ROWS, terminal.columns()).forEach(terminal::line);
        terminal.line(ProgressLine.render(state, clock.instant(), terminal, terminal.columns()));
        lastBoard = clock.instant();
        eventsSinceBoard = 0;
    }

    private void finish(Event.RunFinished event) {
        finished = true;
        stopTicker();
        List<String> lines = new ArrayList<>();
        if (!quiet()) {
            lines.addAll(StatusBoard.render(state, clock.instant(), terminal, BOARD_ROWS, terminal.columns()));
        }
        List<String> recap = recap(event.result());
        if (!recap.isEmpty()) {
            if (!lines.isEmpty() || terminal.written() > 0) {
                lines.add("");
            }
            lines.addAll(recap);
        }
        if (!lines.isEmpty() || terminal.written() > 0) {
            lines.add("");
        }
        lines.addAll(summary(event.result()));
        if (liveShown()) {
            terminal.rewrite(liveHeight, lines);
        } else {
            lines.forEach(terminal::line);
        }
        liveHeight = 0;
    }

    /** Each failed task again, at the end: reason, attempts, log and the last lines its last attempt wrote. */
    List<String> recap(RunResult result) {
        Terminal t = terminal;
        List<TaskResult> failed = with(result, TaskStatus.FAILED);
        List<String> lines = new ArrayList<>();
        if (failed.isEmpty()) {
            return lines;
        }
        String title = HumanTime.plural(failed.size(), "task") + " failed";
        lines.add(fit(t.red(t.bold(Glyph.RULE.times(t, 3) + " " + title + " " + Glyph.RULE.times(t, 3)))));
        for (int i = 0; i < failed.size() && i < MAX_RECAPPED; i++) {
            TaskResult r = failed.get(i);
            RunState.Row row = state.row(r.id());
            String taskTitle = row.title.isEmpty() ? "" : " " + Glyph.DASH.in(t) + " " + t.clean(row.title);
            lines.add(fit(t.red(Glyph.FAILED.cell(t)) + " " + id(r.id()) + ": " + t.clean(r.reason().orElse("failed"))
                    + " after " + HumanTime.plural(r.attempts().size(), "attempt") + taskTitle));
            Path log = row.log != null ? row.log : logOf != null ? logOf.apply(r.id()) : null;
            lines.add(fit("    log: " + display(log)));
            if (output != OutputMode.NONE && log != null) {
                tail(log, r.id()).forEach(line -> lines.add(fit("    " + line)));
            }
        }
        if (failed.size() > MAX_RECAPPED) {
            List<String> more = new ArrayList<>();
            failed.subList(MAX_RECAPPED, failed.size()).forEach(r -> more.add(id(r.id())));
            lines.add(fit("... and " + (failed.size() - MAX_RECAPPED) + " more: " + String.join(", ", more)));
        }
        return lines;
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.close();
            ticker = null;
        }
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
        lines.replaceAll(this::fit);
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
