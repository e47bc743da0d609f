package dev.orchestrate.plan;

import dev.orchestrate.task.Dependency;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import dev.orchestrate.task.TaskFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the tasks a parser would give, without the parser. */
final class TaskBuilder {

    private final String id;
    private String title;
    private int line = 1;
    private boolean done;
    private Priority priority = Priority.P2;
    private final List<String> dependsOn = new ArrayList<>();
    private final List<Dependency> orderedAfter = new ArrayList<>();
    private final List<FileRef> files = new ArrayList<>();
    private Optional<String> command = Optional.empty();
    private Optional<Duration> timeout = Optional.empty();
    private double estimate = 1;

    private TaskBuilder(String id) {
        this.id = id;
        this.title = "do " + id;
    }

    static TaskBuilder task(String id) {
        return new TaskBuilder(id);
    }

    /** A task file whose tasks get lines 10, 20, 30… unless they set their own. */
    static TaskFile file(TaskBuilder... builders) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < builders.length; i++) {
            TaskBuilder b = builders[i];
            if (b.line == 1) {
                b.line = 10 * (i + 1);
            }
            tasks.add(b.build());
        }
        return new TaskFile(Path.of("tasks.md"), "seed", tasks, List.of());
    }

    TaskBuilder title(String title) {
        this.title = title;
        return this;
    }

    TaskBuilder line(int line) {
        this.line = line;
        return this;
    }

    TaskBuilder done() {
        this.done = true;
        return this;
    }

    TaskBuilder priority(Priority priority) {
        this.priority = priority;
        return this;
    }

    TaskBuilder dependsOn(String... ids) {
        dependsOn.addAll(List.of(ids));
        return this;
    }

    TaskBuilder after(String id, String reason) {
        orderedAfter.add(new Dependency(id, reason));
        return this;
    }

    TaskBuilder file(String path) {
        return file(path, FileOperation.UNSPECIFIED);
    }

    TaskBuilder file(String path, FileOperation operation) {
        files.add(new FileRef(path, operation, line));
        return this;
    }

    TaskBuilder command(String command) {
        this.command = Optional.of(command);
        return this;
    }

    TaskBuilder timeout(Duration timeout) {
        this.timeout = Optional.of(timeout);
        return this;
    }

    TaskBuilder estimate(double estimate) {
        this.estimate = estimate;
        return this;
    }

    Task build() {
        return new Task(id, title, "", line, done, priority, dependsOn, orderedAfter, files, command, timeout, estimate);
    }
}
