package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Scheduler.State;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One task's run as the coordinator sees it: its attempts, the workers it was tried on, the locks it
 * holds or waits for, and why it ended as it did. Where it stands in the schedule is the
 * {@link Scheduler}'s. Owned by the coordinator thread.
 */
final class TaskRun {

    private final PlannedTask task;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<String> triedOn = new LinkedHashSet<>();
    private List<String> heldLocks = List.of();
    private Optional<String> deferredOn = Optional.empty();
    private OptionalLong handedAt = OptionalLong.empty();
    private List<String> blockedBy = List.of();
    private Optional<String> notRunReason = Optional.empty();
    private boolean stopped;

    TaskRun(PlannedTask task) {
        this.task = Objects.requireNonNull(task, "task");
    }

    PlannedTask task() {
        return task;
    }

    String id() {
        return task.id();
    }

    /** The number the next attempt gets. */
    int nextAttempt() {
        return attempts.size() + 1;
    }

    void attempted(Attempt attempt) {
        attempts.add(attempt);
    }

    /** The workers it was handed to, in the order it was. */
    Set<String> triedOn() {
        return triedOn;
    }

    /** @param taken when it was taken off the ready queue ({@link System#nanoTime()}) */
    void handedTo(String worker, long taken) {
        triedOn.add(worker);
        handedAt = OptionalLong.of(taken);
    }

    /** When the running attempt's task was taken off the ready queue; asked once per attempt. */
    OptionalLong takeHandedAt() {
        OptionalLong taken = handedAt;
        handedAt = OptionalLong.empty();
        return taken;
    }

    /** It took the locks {@code hashes}: it waits for none. */
    void locked(List<String> hashes) {
        heldLocks = List.copyOf(hashes);
        deferredOn = Optional.empty();
    }

    /** Forgets its locks and returns them, for the caller to release. */
    List<String> unlock() {
        List<String> held = heldLocks;
        heldLocks = List.of();
        return held;
    }

    /** It waits for the lock {@code hash}; false when it was already waiting for that one (told once). */
    boolean deferredOn(String hash) {
        boolean again = deferredOn.filter(hash::equals).isPresent();
        deferredOn = Optional.of(hash);
        return !again;
    }

    void blockedBy(List<String> given) {
        blockedBy = List.copyOf(given);
    }

    void notRun(String reason) {
        notRunReason = Optional.of(reason);
    }

    /** Why it never ran, unless a reason was given already. */
    void notRunUnlessSaid(String reason) {
        if (notRunReason.isEmpty()) {
            notRunReason = Optional.of(reason);
        }
    }

    Optional<String> notRunReason() {
        return notRunReason;
    }

    /** The run's stop ended its attempt, or kept it from starting. */
    void stopped(String reason) {
        stopped = true;
        notRunReason = Optional.of(reason);
    }

    /**
     * How it ended.
     *
     * @param stopReason why the run stopped, if it did
     * @param stopping   whether the run was stopped
     */
    TaskResult result(State state, String stopReason, boolean stopping) {
        String id = task.id();
        return switch (state) {
            case COMPLETED -> new TaskResult(id, TaskStatus.COMPLETED, attempts, Optional.empty(), List.of());
            case FAILED -> new TaskResult(id, TaskStatus.FAILED, attempts,
                    Optional.of(attempts.isEmpty() ? "failed" : attempts.get(attempts.size() - 1).error().orElse("failed")),
                    List.of());
            case SKIPPED -> new TaskResult(id, TaskStatus.SKIPPED, attempts,
                    Optional.of("blocked by " + String.join(", ", blockedBy)), blockedBy);
            case ALREADY_DONE -> new TaskResult(id, TaskStatus.ALREADY_DONE, attempts, Optional.empty(), List.of());
            default -> stopped
                    ? new TaskResult(id, TaskStatus.STOPPED, attempts, Optional.of(notRunReason.orElse(stopReason)), List.of())
                    : new TaskResult(id, TaskStatus.NOT_RUN, attempts,
                    Optional.of(notRunReason.orElse(stopping ? stopReason : "not run")), List.of());
        };
    }

    List<Attempt> attempts() {
        return attempts;
    }
}
