package dev.orchestrate.lock;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a file lock: the content of a {@code locks/<hash>.lock} file.
 *
 * @param worker     the worker the task runs on ({@code worker-2})
 * @param task       the task that changes the file
 * @param path       the normalised path the lock guards
 * @param pid        the process of the run that took it
 * @param acquiredAt when it was taken
 */
public record LockHolder(String worker, String task, String path, long pid, Instant acquiredAt) {

    public LockHolder {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
    }
}
