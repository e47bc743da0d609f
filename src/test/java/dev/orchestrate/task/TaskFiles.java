package dev.orchestrate.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The reading tests' shorthand: parse a text as {@code tasks.md}, and look at what came out. */
final class TaskFiles {

    private static final Path FILE = Path.of("tasks.md");

    private TaskFiles() {
    }

    static TaskFile parse(String text) {
        return TaskFileParser.parse(FILE, text);
    }

    static Map<String, Task> byId(TaskFile file) {
        return file.tasks().stream().collect(Collectors.toMap(Task::id, Function.identity()));
    }

    static List<String> ids(TaskFile file) {
        return file.tasks().stream().map(Task::id).collect(Collectors.toList());
    }

    static List<String> done(TaskFile file) {
        return file.tasks().stream().filter(Task::done).map(Task::id).collect(Collectors.toList());
    }

    static List<String> messages(TaskFile file) {
        return file.warnings().stream().map(w -> w.line() + ": " + w.message()).collect(Collectors.toList());
    }

    /** One line per number from {@code from} to {@code to}: {@code format} ({@code "### T%03d: t%n"}) with the number. */
    static String numberedLines(String format, int from, int to) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i <= to; i++) {
            lines.append(String.format(format, i));
        }
        return lines.toString();
    }

    static List<String> after(Task task) {
        return task.orderedAfter().stream().map(Dependency::taskId).collect(Collectors.toList());
    }
}
