package dev.orchestrate.event;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.EventListener;
import dev.orchestrate.session.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * progress.txt (SPEC §3): the status board as plain UTF-8 text, every task listed, rewritten
 * atomically at most once a second while the run goes on and once more at the end.
 *
 * <p>Events arrive on the coordinator thread; the optional {@link #startTicker() ticker} refreshes
 * the elapsed time when no event comes. Both take the one {@code lock} of this listener.
 */
public final class ProgressFile implements EventListener {

    /** At most one write per this period, except the last one. */
    public static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ProgressFile.class);

    private final Object lock = new Object();
    private final Path file;
    private final Clock clock;
    private final RunState state;
    private Instant lastWrite;
    private boolean dirty;
    private boolean finished;
    private boolean warned;
    private Ticker ticker;

    /**
     * @param plan  the plan being run
     * @param file  where to write, usually {@code session.file("progress.txt")}
     * @param clock decides when a second has passed and what "Time elapsed" says
     */
    public ProgressFile(ExecutionPlan plan, Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = new RunState(Objects.requireNonNull(plan, "plan"));
    }

    /** The tasks the plan calls done although the file does not (resumed, not selected): the board calls them so. Returns this. */
    public ProgressFile holding(Held held) {
        synchronized (lock) {
            state.hold(held);
        }
        return this;
    }

    /** Starts a daemon thread that refreshes the file every second until the run ends; returns this. */
    public ProgressFile startTicker() {
        synchronized (lock) {
            if (ticker == null && !finished) {
                ticker = Ticker.every(EVERY, "orchestrate-progress", this::tick);
            }
        }
        return this;
    }

    /** Rewrites the file if the run is under way and a second has passed since the last write. */
    public void tick() {
        synchronized (lock) {
            if (!finished && state.startedAt().isPresent() && due()) {
                write();
            }
        }
    }

    @Override
    public void on(Event event) {
        synchronized (lock) {
            state.apply(event);
            if (event instanceof Event.RunFinished) {
                finished = true;
                stopTicker();
                write();
            } else if (due()) {
                write();
            } else {
                dirty = true;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            stopTicker();
            if (dirty) {
                write();
            }
        }
    }

    /** The text the file holds now. */
    String text() {
        synchronized (lock) {
            return String.join("\n", StatusBoard.render(state, clock.instant(), Style.plain(false), Integer.MAX_VALUE)) + "\n";
        }
    }

    private boolean due() {
        return lastWrite == null || !Duration.between(lastWrite, clock.instant()).minus(EVERY).isNegative();
    }

    private void write() {
        try {
            Json.writeAtomically(file, text().getBytes(StandardCharsets.UTF_8));
            dirty = false;
        } catch (IOException | RuntimeException e) {
            // progress.txt is a mirror of the console; the run goes on without it
            if (!warned) {
                LOG.warn("cannot write {}: {}", file, e.toString());
                warned = true;
            }
        }
        lastWrite = clock.instant();
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.close();
            ticker = null;
        }
    }
}
