package dev.orchestrate.run.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Notices an agent that has gone quiet (SPEC §6: a 10-minute inactivity limit by default): polled
 * by whoever waits for the process, it reports idle once the task's log has not grown for the
 * limit. The log's size, not its modification time: coarse timestamps would hide a slow trickle.
 *
 * <p>Owned by the thread that polls it; not thread-safe.
 */
public final class OutputWatch {

    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(10);

    private final Path log;
    private final long limitNanos;
    private final LongSupplier nanoTime;
    private long lastSize;
    private long lastGrowth;

    /**
     * Starts watching now; the log's current size (earlier attempts) counts as already seen.
     *
     * @param nanoTime {@link System#nanoTime} outside tests
     */
    public OutputWatch(Path log, Duration idleLimit, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.limitNanos = Objects.requireNonNull(idleLimit, "idleLimit").toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (limitNanos <= 0) {
            throw new IllegalArgumentException("the idle limit must be positive: " + idleLimit);
        }
        this.lastSize = size();
        this.lastGrowth = nanoTime.getAsLong();
    }

    /** Looks at the log: whether it has not grown for the whole idle limit. */
    public boolean idle() {
        long now = nanoTime.getAsLong();
        long size = size();
        if (size != lastSize) {
            lastSize = size;
            lastGrowth = now;
            return false;
        }
        return now - lastGrowth >= limitNanos;
    }

    /** How long the log has not grown, as of the last {@link #idle()} look or the start. */
    public Duration silentFor() {
        return Duration.ofNanos(nanoTime.getAsLong() - lastGrowth);
    }

    private long size() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return -1;
        }
    }
}
