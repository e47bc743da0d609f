package dev.orchestrate.event;

import dev.orchestrate.event.Terminal.Verbosity;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.EventListener;
import dev.orchestrate.run.RunResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <p>Its jobs are classes of their own: {@link EventLines} (what each event prints), {@link LiveBlock}
 * (the board and progress line redrawn on a TTY) and {@link Recap} (the failures and the summary at
 * the end); this class decides when each speaks.
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
    /** On a TTY the live block is drawn again at most this often on events; the ticker catches up. */
    private static final long REDRAW_NANOS = Duration.ofMillis(50).toNanos();
    private static final Duration TTY_TICK = Duration.ofMillis(250);
    private static final Duration LOG_TICK = Duration.ofSeconds(1);

    private final Object lock = new Object();
    private final Terminal terminal;
    private final Clock clock;
    private final RunState state;
    private final EventLines eventLines;
    private final LiveBlock block;
    private final Recap recap;
    private int eventsSinceBoard;
    private Instant lastBoard;
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
        this.state = new RunState(Objects.requireNonNull(plan, "plan"));
        this.eventLines = new EventLines(terminal, state, Objects.requireNonNull(failureDetail, "failureDetail"));
        this.block = new LiveBlock(terminal, clock, state);
        this.recap = new Recap(terminal, state, eventLines);
        this.lastBoard = clock.instant();
    }

    /**
     * {@code --output}: how much of the tasks' own output to show. Returns this printer.
     *
     * @param logOf the log file of a task id (usually {@code session::log}): {@code full} reads completed tasks' output there
     */
    public ConsolePrinter output(OutputMode mode, Function<String, Path> logOf) {
        synchronized (lock) {
            Objects.requireNonNull(mode, "mode");
            eventLines.output(mode, logOf);
        }
        return this;
    }

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

    /**
     * Starts a daemon thread that keeps the view current without events: on a TTY the progress
     * line every quarter second, elsewhere the board once a minute. Stopped by {@link #close()} or
     * the end of the run. Returns this printer.
     */
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
                renewBoard();
            }
            if (renew || !block.shown() || block.progressChanged()) {
                draw(List.of());
            }
        }
    }

    @Override
    public void on(Event event) {
        synchronized (lock) {
            state.apply(event);
            if (event instanceof Event.RunFinished finish) {
                finish(finish);
                return;
            }
            List<String> lines = eventLines.of(event);
            if (event instanceof Event.RunStarted) {
                lastBoard = clock.instant();
                eventsSinceBoard = 0;
                if (terminal.tty() && !quiet()) {
                    renewBoard();
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
                renewBoard();
            }
            if (renew || System.nanoTime() - block.lastDraw() >= REDRAW_NANOS) {
                draw(lines);
            } else if (!lines.isEmpty()) {
                // a burst of events: the lines now, the block again at the next tick
                block.replace(lines);
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

    private boolean boardDue(Duration every) {
        return !Duration.between(lastBoard, clock.instant()).minus(every).isNegative();
    }

    private void boardShown() {
        lastBoard = clock.instant();
        eventsSinceBoard = 0;
    }

    private void renewBoard() {
        block.renderBoard();
        boardShown();
    }

    private void draw(List<String> lines) {
        if (block.draw(lines)) {
            boardShown();
        }
    }

    private void printBoardInLog() {
        block.printInLog();
        boardShown();
    }

    private void finish(Event.RunFinished event) {
        finished = true;
        stopTicker();
        List<String> lines = new ArrayList<>();
        if (!quiet()) {
            lines.addAll(block.finalBoard());
        }
        List<String> failures = recap.failures(event.result());
        if (!failures.isEmpty()) {
            if (!lines.isEmpty() || terminal.written() > 0) {
                lines.add("");
            }
            lines.addAll(failures);
        }
        if (!lines.isEmpty() || terminal.written() > 0) {
            lines.add("");
        }
        lines.addAll(recap.summary(event.result()));
        block.replace(lines);
    }

    /** The EXECUTION SUMMARY block of SPEC §7. */
    List<String> summary(RunResult result) {
        return recap.summary(result);
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.close();
            ticker = null;
        }
    }
}
