package dev.orchestrate.event;

import dev.orchestrate.event.Terminal.Verbosity;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The human view of a run (SPEC §7): one line per event, the log tail under a failure, the status
 * board every 10 events or 30 seconds and at the end, and the EXECUTION SUMMARY.
 *
 * <p>Events arrive on the coordinator thread. The optional {@link #startTicker() ticker} thread
 * only asks for the 30-second board; both paths take the one {@code lock} of this printer, so the
 * printer's state and its lines never interleave.
 *
 * <p>{@code --quiet}: only given-up failures (with their log tail) and the summary.
 * {@code --verbose}: task titles on start, the locked path of a deferral, a replacement's reason.
 */
public final class ConsolePrinter implements EventListener {

    /** The board is printed after this many events… */
    public static final int BOARD_EVERY_EVENTS = 10;
    /** …or when this much time passed since the last one. */
    public static final Duration BOARD_EVERY = Duration.ofSeconds(30);
    /** The console board lists at most this many tasks; progress.txt lists them all. */
    static final int BOARD_ROWS = 25;
    static final int SUMMARY_WIDTH = 58;
    private static final int MAX_LISTED = 5;

    private final Object lock = new Object();
    private final Terminal terminal;
    private final Clock clock;
    private final FailureDetail failureDetail;
    private final RunState state;
    private int eventsSinceBoard;
    private Instant lastBoard;
    /** {@link Terminal#written()} right after the last board, and its height: to redraw it in place. */
    private long boardMark = -1;
    private int boardHeight;
    private Ticker ticker;
    private boolean finished;

    /** The console view with failures' log tails indented under them. */
    public ConsolePrinter(ExecutionPlan plan, Terminal terminal, Clock clock) {
        this(plan, terminal, clock, FailureDetail.indented());
    }

    /**
     * @param plan          the plan being run: task titles, groups, worker count
     * @param terminal      where the lines go, with its colour/ASCII/verbosity
     * @param clock         the time of the board's "Time elapsed" and of the 30-second refresh
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
     * Starts a daemon thread that, every second, prints the board if 30 seconds went by without one;
     * stopped by {@link #close()} or the end of the run. Returns this printer.
     */
    public ConsolePrinter startTicker() {
        synchronized (lock) {
            if (ticker == null && !finished && terminal.verbosity() != Verbosity.QUIET) {
                ticker = Ticker.every(Duration.ofSeconds(1), "orchestrate-board", this::tick);
            }
        }
        return this;
    }

    /** Prints the board if the run is under way and 30 seconds passed since the last one. */
    public void tick() {
        synchronized (lock) {
            if (!finished && state.startedAt().isPresent() && boardDue()) {
                printBoard();
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
            print(event);
            if (event instanceof Event.RunStarted) {
                lastBoard = clock.instant();
                eventsSinceBoard = 0;
                return;
            }
            eventsSinceBoard++;
            if (!quiet() && (eventsSinceBoard >= BOARD_EVERY_EVENTS || boardDue())) {
                printBoard();
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

    private boolean boardDue() {
        return !Duration.between(lastBoard, clock.instant()).minus(BOARD_EVERY).isNegative();
    }

    private void print(Event event) {
        Terminal t = terminal;
        if (event instanceof Event.TaskFailed) {
            Event.TaskFailed e = (Event.TaskFailed) event;
            if (!quiet() || e.givingUp()) {
                failed(e);
            }
            return;
        }
        if (quiet()) {
            return;
        }
        if (event instanceof Event.RunStarted) {
            Event.RunStarted e = (Event.RunStarted) event;
            int done = e.totalTasks() - e.toRun();
            t.line("Running " + HumanTime.plural(e.toRun(), "task") + " on " + HumanTime.plural(e.workers(), "worker")
                    + (done > 0 ? " (" + done + " already done)" : ""));
        } else if (event instanceof Event.TaskStarted) {
            Event.TaskStarted e = (Event.TaskStarted) event;
            t.line(t.yellow(Glyph.STARTED.in(t)) + " " + id(e.task()) + " started by " + e.worker()
                    + (e.attempt() > 1 ? " (attempt " + e.attempt() + "/" + e.maxAttempts() + ")" : "")
                    + (verbose() ? " " + Glyph.DASH.in(t) + " " + t.clean(state.title(e.task())) : ""));
        } else if (event instanceof Event.TaskCompleted) {
            Event.TaskCompleted e = (Event.TaskCompleted) event;
            t.line(t.green(Glyph.COMPLETED.in(t)) + " " + id(e.task()) + " completed by " + e.worker()
                    + " (" + HumanTime.compact(e.duration()) + ")" + overhead(e.overhead()));
        } else if (event instanceof Event.TaskDeferred) {
            Event.TaskDeferred e = (Event.TaskDeferred) event;
            t.line(t.yellow(Glyph.FAILED.in(t)) + " " + id(e.task()) + " deferred: file locked by " + e.lockedBy()
                    + (verbose() ? " (" + t.clean(e.path()) + ")" : ""));
        } else if (event instanceof Event.TaskSkipped) {
            Event.TaskSkipped e = (Event.TaskSkipped) event;
            t.line(t.dim(Glyph.SKIPPED.in(t) + " " + id(e.task()) + " skipped: blocked by " + String.join(", ", e.blockedBy())));
        } else if (event instanceof Event.WorkerReplaced) {
            Event.WorkerReplaced e = (Event.WorkerReplaced) event;
            t.line(t.yellow(Glyph.WARNING.in(t)) + " " + e.worker() + " replaced"
                    + e.task().map(task -> ", resuming " + id(task)).orElse("")
                    + (verbose() ? " (" + t.clean(e.reason()) + ")" : ""));
        } else if (event instanceof Event.FilesChangedOutside) {
            Event.FilesChangedOutside e = (Event.FilesChangedOutside) event;
            t.line(t.yellow(Glyph.WARNING.in(t)) + " " + id(e.task()) + " changed files it did not declare: "
                    + t.clean(String.join(", ", e.files())));
        } else if (event instanceof Event.AgentsPaused) {
            Event.AgentsPaused e = (Event.AgentsPaused) event;
            t.line(t.yellow(Glyph.WARNING.in(t)) + " " + id(e.task()) + " hit a rate limit: no new agent task starts for "
                    + HumanTime.compact(e.pause()));
        } else if (event instanceof Event.GroupCompleted) {
            Event.GroupCompleted e = (Event.GroupCompleted) event;
            String rule = Glyph.RULE.times(t, 3);
            t.line(t.bold(rule + " Group " + t.clean(e.group()) + " completed: " + HumanTime.plural(e.tasks(), "task")
                    + " in " + HumanTime.compact(e.duration()) + " " + rule));
        }
    }

    private void failed(Event.TaskFailed e) {
        Terminal t = terminal;
        t.line(t.red(Glyph.FAILED.in(t)) + " " + id(e.task()) + " failed: " + t.clean(e.error())
                + " (attempt " + e.attempt() + "/" + e.maxAttempts() + ")"
                + (e.givingUp() ? " " + Glyph.DASH.in(t) + " giving up" : "") + overhead(e.overhead()));
        List<String> tail = new ArrayList<>();
        for (String line : LogTail.ofLastAttempt(LogTail.read(e.log(), LogTail.LINES), e.task())) {
            tail.add(t.clean(line));
        }
        failureDetail.lines(e, tail).forEach(t::line);
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

    private void printBoard() {
        List<String> lines = StatusBoard.render(state, clock.instant(), terminal, BOARD_ROWS);
        if (terminal.tty() && boardMark == terminal.written()) {
            terminal.rewrite(boardHeight, lines);
        } else {
            lines.forEach(terminal::line);
        }
        boardMark = terminal.written();
        boardHeight = lines.size();
        lastBoard = clock.instant();
        eventsSinceBoard = 0;
    }

    private void finish(Event.RunFinished event) {
        finished = true;
        stopTicker();
        if (!quiet()) {
            printBoard();
        }
        if (terminal.written() > 0) {
            terminal.line("");
        }
        summary(event.result()).forEach(terminal::line);
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
        String rule = Glyph.RULE.times(t, SUMMARY_WIDTH);
        List<String> lines = new ArrayList<>();
        lines.add(rule);
        lines.add(t.bold("EXECUTION SUMMARY"));
        lines.add(rule);
        long done = result.count(TaskStatus.ALREADY_DONE);
        long toRun = result.tasks().size() - done;
        long completed = result.count(TaskStatus.COMPLETED);
        String completedLine = "Completed: " + completed + " of " + HumanTime.plural(toRun, "task");
        lines.add(completed == toRun ? t.green(completedLine) : completedLine);
        if (done > 0) {
            lines.add("Already done: " + HumanTime.plural(done, "task"));
        }
        List<TaskResult> failed = with(result, TaskStatus.FAILED);
        String failedLine = "Failed: " + HumanTime.plural(failed.size(), "task")
                + listed(failed, r -> r.id() + ": " + r.reason().orElse("failed"));
        lines.add(failed.isEmpty() ? failedLine : t.red(failedLine));
        List<TaskResult> skipped = with(result, TaskStatus.SKIPPED);
        String skippedLine = "Skipped: " + HumanTime.plural(skipped.size(), "task")
                + listed(skipped, r -> r.id() + (r.blockedBy().isEmpty() ? "" : " blocked by " + String.join(" and ", r.blockedBy())));
        lines.add(skipped.isEmpty() ? skippedLine : t.yellow(skippedLine));
        long notRun = result.count(TaskStatus.NOT_RUN);
        if (notRun > 0) {
            lines.add("Not run: " + HumanTime.plural(notRun, "task"));
        }
        if (result.interrupted()) {
            lines.add(t.red("Stopped: interrupted"));
        } else {
            result.criticalFailure().ifPresent(reason -> lines.add(t.red("Stopped: " + t.clean(reason))));
        }
        lines.add("Duration: " + HumanTime.words(result.duration()));
        lines.add("Workers used: " + result.workersUsed());
        lines.add(String.format(Locale.ROOT, "Parallelism achieved: %.1fx speedup", result.speedup()));
        result.agentUsage().ifPresent(usage -> lines.add("Agent cost: " + AgentCost.describe(usage)));
        result.agentBudgetUsd().ifPresent(budget -> lines.add("Agent budget: " + AgentCost.spentOf(result.agentUsage(), budget)));
        lines.add(rule);
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
