package dev.orchestrate.run;

import dev.orchestrate.lock.Acquisition;
import dev.orchestrate.lock.FileLocks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The file locks of the run's tasks (SPEC §5.5): taken in the worker's name just before a task is
 * handed over, released when its attempt ends. A task that finds a file locked waits off the ready
 * queue, and goes back on it in the step that releases that lock. Owned by the coordinator thread.
 */
final class TaskLocks {

    private final FileLocks locks;
    private final Scheduler scheduler;
    private final Map<String, List<String>> waitingForLock = new HashMap<>();
    /** Tasks deferred on a lock another run on the project holds: that run will not wake them, so they are tried again. */
    private final Set<String> waitingForOtherRun = new LinkedHashSet<>();

    TaskLocks(FileLocks locks, Scheduler scheduler) {
        this.locks = locks;
        this.scheduler = scheduler;
    }

    /**
     * Takes every lock of {@code task} for {@code worker}, or none: then the task is deferred until
     * the lock it found held is released, and the held lock is returned.
     */
    Optional<Acquisition.Held> take(TaskRun task, String worker) {
        Acquisition acquisition = locks.acquire(worker, task.id(), task.task().lockedPaths());
        if (acquisition instanceof Acquisition.Held held) {
            scheduler.deferred(task.id());
            if (held.otherRun()) {
                waitingForOtherRun.add(task.id());
            } else {
                waitingForLock.computeIfAbsent(held.hash(), h -> new ArrayList<>()).add(task.id());
            }
            return Optional.of(held);
        }
        task.locked(((Acquisition.Acquired) acquisition).hashes());
        return Optional.empty();
    }

    boolean anyWaitingForOtherRun() {
        return !waitingForOtherRun.isEmpty();
    }

    /** Tasks waiting for another run's lock go back on the ready queue, to try again. */
    void retryOtherRuns() {
        waitingForOtherRun.forEach(scheduler::ready);
        waitingForOtherRun.clear();
    }

    /** Releases the locks the task holds; tasks waiting for them are ready again. */
    void release(TaskRun task) {
        List<String> hashes = task.unlock();
        if (!hashes.isEmpty()) {
            locks.release(hashes);
            wake(hashes);
        }
    }

    /** Releases every lock whose file names {@code worker} (its thread ended); tasks waiting for them are ready again. */
    void releaseAllOf(String worker) {
        wake(locks.releaseAllOf(worker));
    }

    /** The lock the task waits for, as the user reads it ({@code src/a.txt locked by worker-2}), if it waits for one. */
    Optional<String> awaited(String taskId) {
        Optional<String> lock = Optional.empty();
        for (Map.Entry<String, List<String>> waiting : waitingForLock.entrySet()) {
            if (waiting.getValue().contains(taskId)) {
                lock = Optional.of(locks.holder(waiting.getKey()).map(h -> h.path() + " locked by " + h.worker()).orElse("a file lock"));
            }
        }
        return lock;
    }

    /** At the end of the run: every lock the tasks hold, and any other lock in the workers' names. */
    void releaseAll(Collection<TaskRun> tasks, List<String> workers) {
        tasks.forEach(task -> locks.release(task.unlock()));
        workers.forEach(locks::releaseAllOf);
    }

    /** Tasks deferred on these locks go back on the ready queue, to be taken up in this dispatch. */
    private void wake(List<String> hashes) {
        for (String hash : hashes) {
            List<String> waiting = waitingForLock.remove(hash);
            if (waiting != null) {
                waiting.forEach(scheduler::ready);
            }
        }
    }
}
