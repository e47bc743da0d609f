package dev.orchestrate.run;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether the run is stopping and why: an interruption (a signal, {@link Coordinator#interrupt()})
 * or a critical failure; and until when the running workers have to report once it is. Owned by the
 * coordinator thread; the workers learn of a stop through the {@link StopSignal}.
 */
final class RunStop {

    private boolean stopping;
    private boolean interrupted;
    private Optional<String> criticalFailure = Optional.empty();
    private long deadlineNanos;

    /**
     * Starts stopping, unless the run is stopping already.
     *
     * @param critical the critical failure; empty for an interruption
     * @param wait     how long the running workers have to report
     * @return whether this call started the stop
     */
    boolean begin(Optional<String> critical, Duration wait) {
        if (stopping) {
            return false;
        }
        stopping = true;
        if (critical.isPresent()) {
            criticalFailure = critical;
        } else {
            interrupted = true;
        }
        deadlineNanos = System.nanoTime() + wait.toNanos();
        return true;
    }

    boolean stopping() {
        return stopping;
    }

    boolean interrupted() {
        return interrupted;
    }

    Optional<String> criticalFailure() {
        return criticalFailure;
    }

    /** Why tasks the stop ended or kept from starting did not run. */
    String reason() {
        return interrupted ? "interrupted" : "stopped: " + criticalFailure.orElse("critical failure");
    }

    /** How long the workers still have to report ({@link System#nanoTime()} units); 0 or less when that time is up. */
    long nanosLeft() {
        return deadlineNanos - System.nanoTime();
    }
}
