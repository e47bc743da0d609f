package dev.orchestrate.task;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a task file, as the file states it. The planner resolves what the file leaves open
 * (file operations, implicit dependencies, effective priority).
 *
 * @param id          the task's id as written ({@code T001}, {@code 2.1}, {@code TODO-035}), or assigned
 * @param title       the task's one-line title
 * @param body        everything under the title that belongs to the task (steps, fields, notes)
 * @param line        the 1-based line of the task file where the task starts
 * @param done        whether the file marks it done ({@code [x]})
 * @param priority    the priority the file gives it, else {@link Priority#defaultPriority()}
 * @param dependsOn   ids the file says it depends on; every id is a task of the same file
 * @param orderedAfter ids it waits for because of list order or phases, with the reason
 * @param files       the paths it names, in the order named, without duplicates
 * @param command     the shell command that runs it; empty for an agent task
 * @param timeout     its own time limit ({@code Timeout:}), overriding {@code --timeout}
 * @param estimate    its weight on the critical path ({@code Estimate:}), 1 when the file gives none
 * @param verify      the check that decides it is done ({@code Verify:}, a fenced block under a Verify label,
 *                    the seed's {@code **Success**:} when it is a command in backticks); empty for none
 */
public record Task(
        String id,
        String title,
        String body,
        int line,
        boolean done,
        Priority priority,
        List<String> dependsOn,
        List<Dependency> orderedAfter,
        List<FileRef> files,
        Optional<String> command,
        Optional<Duration> timeout,
        double estimate,
        Optional<String> verify) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(verify, "verify");
        if (id.isBlank()) {
            throw new IllegalArgumentException("blank task id");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more: " + line);
        }
        if (!(estimate > 0)) {
            throw new IllegalArgumentException("estimate must be positive: " + estimate);
        }
        dependsOn = List.copyOf(dependsOn);
        orderedAfter = List.copyOf(orderedAfter);
        files = List.copyOf(files);
    }

    /** A task without a check of its own. */
    public Task(String id, String title, String body, int line, boolean done, Priority priority, List<String> dependsOn,
                List<Dependency> orderedAfter, List<FileRef> files, Optional<String> command, Optional<Duration> timeout,
                double estimate) {
        this(id, title, body, line, done, priority, dependsOn, orderedAfter, files, command, timeout, estimate, Optional.empty());
    }

    /** A task with no shell command is handed to the coding agent (SPEC §6). */
    public boolean isAgentTask() {
        return command.isEmpty();
    }
}
