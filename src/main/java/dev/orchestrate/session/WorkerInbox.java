package dev.orchestrate.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code messages/worker-N-inbox.json}: every task the coordinator handed to one worker, oldest
 * first; the last entry is the one it works on or worked on last (SPEC §5.4).
 */
public record WorkerInbox(String workerId, String sessionFolder, List<WorkerInbox.Entry> tasks) {

    public WorkerInbox {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(sessionFolder, "sessionFolder");
        tasks = List.copyOf(tasks);
    }

    /**
     * One task handed over.
     *
     * @param executor {@code shell} or {@code agent}
     * @param command  the shell command; empty for an agent task
     * @param files    the normalised paths whose locks the task holds
     */
    public record Entry(
            String id,
            String title,
            int attempt,
            int maxAttempts,
            String executor,
            Optional<String> command,
            List<String> files,
            long timeoutS,
            Instant assignedAt) {

        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(assignedAt, "assignedAt");
            files = List.copyOf(files);
        }
    }
}
