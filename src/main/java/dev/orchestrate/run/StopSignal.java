package dev.orchestrate.run;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The run's stop, shared by the coordinator and its workers (SPEC §5.7): once {@link #request()}
 * has returned, no attempt's process starts any more. Workers start processes under the read side
 * (at the same time as each other), the stop takes the write side: a start either happened before
 * the stop — and the stop then ends it — or does not happen.
 */
final class StopSignal {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean requested;

    /** Marks the run stopping; returns once no process start is under way. */
    void request() {
        lock.writeLock().lock();
        try {
            requested = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    boolean requested() {
        return requested;
    }

    /** Runs {@code start} unless the stop was requested; null when it was. */
    <T> T unlessStopped(Callable<T> start) throws Exception {
        lock.readLock().lock();
        try {
            return requested ? null : start.call();
        } finally {
            lock.readLock().unlock();
        }
    }
}
