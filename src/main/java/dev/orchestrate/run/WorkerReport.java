package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.session.SessionException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What reaches the coordinator's queue: workers' reports, and the request to stop. */
sealed interface WorkerReport {

    /** How an attempt ended, from the worker's side. */
    enum Outcome { COMPLETED, FAILED, CANNOT_START, TIMED_OUT, STOPPED }

    /**
     * An attempt ended; the worker has written it to its outbox (unless {@code sessionFailure}).
     * After {@link Outcome#TIMED_OUT} the worker's thread has ended.
     *
     * @param spawnedNanos {@link System#nanoTime()} when the process had started; 0 when it never did
     * @param exitedNanos  {@link System#nanoTime()} when its exit was seen; 0 when it never started
     */
    record AttemptEnded(Worker worker, PlannedTask task, Attempt attempt, Outcome outcome,
                        Optional<SessionException> sessionFailure, long spawnedNanos, long exitedNanos) implements WorkerReport {

        /**
         * What the engine spent around the attempt's process (SPEC §7, {@code --verbose}); empty when none started.
         *
         * @param handedAt {@link System#nanoTime()} when the coordinator took the task off the ready queue
         */
        Optional<Event.Overhead> overhead(OptionalLong handedAt) {
            if (handedAt.isEmpty() || spawnedNanos == 0) {
                return Optional.empty();
            }
            OptionalInt promptBytes = attempt.agent().map(a -> OptionalInt.of(a.promptBytes())).orElse(OptionalInt.empty());
            return Optional.of(new Event.Overhead(Duration.ofNanos(spawnedNanos - handedAt.getAsLong()),
                    Duration.ofNanos(System.nanoTime() - exitedNanos), promptBytes));
        }
    }

    /** The worker's thread died on something unexpected, during {@code attempt} when present. */
    record WorkerCrashed(Worker worker, Optional<PlannedTask> task, Optional<Attempt> attempt, Throwable cause)
            implements WorkerReport {
    }

    /** A rate-limit pause has ended: agent tasks held back may start. */
    record PauseEnded() implements WorkerReport {
    }

    /** {@link Coordinator#interrupt()} was called. */
    record InterruptRequested() implements WorkerReport {
    }
}
