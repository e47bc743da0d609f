package dev.orchestrate.report;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code --mark-done} (SPEC §1): ticks {@code [ ]} → {@code [x]} on the line of every completed task
 * in the task file itself. Only those bytes change: line endings, encoding, a missing final newline,
 * everything else stays as it was. A task line without a checkbox (a {@code ### T001:} heading) is
 * left alone. The file is replaced atomically (temp file + rename), keeping its permissions; a
 * symbolic link is followed, not replaced.
 */
public final class MarkDone {

    /**
     * @param ticked           the tasks whose checkbox was ticked now
     * @param withoutCheckbox  the tasks whose line holds no open checkbox (a heading, or already ticked)
     */
    public record Result(List<String> ticked, List<String> withoutCheckbox) {
        public Result {
            ticked = List.copyOf(ticked);
            withoutCheckbox = List.copyOf(withoutCheckbox);
        }
    }

    private MarkDone() {
    }

    /** Ticks the tasks the run completed, in the plan's task file. */
    public static Result completed(ExecutionPlan plan, RunResult result) {
        List<Task> completed = new ArrayList<>();
        for (TaskResult r : result.tasks().values()) {
            PlannedTask planned = plan.tasks().get(r.id());
            if (r.status() == TaskStatus.COMPLETED && planned != null) {
                completed.add(planned.task());
            }
        }
        return tick(plan.taskFile(), completed);
    }

    /** Ticks the checkbox on the line ({@link Task#line()}) of each of {@code tasks} in {@code taskFile}. */
    public static Result tick(Path taskFile, Collection<Task> tasks) {
        try {
            Path file = taskFile.toRealPath();
            byte[] bytes = Files.readAllBytes(file);
            int[] lineStarts = lineStarts(bytes);
            List<String> ticked = new ArrayList<>();
            List<String> without = new ArrayList<>();
            for (Task task : tasks) {
                int box = task.line() <= lineStarts.length ? openCheckbox(bytes, lineStarts[task.line() - 1]) : -1;
                if (box < 0) {
                    without.add(task.id());
                } else {
                    bytes[box] = 'x';
                    ticked.add(task.id());
                }
            }
            if (!ticked.isEmpty()) {
                replace(file, bytes);
            }
            return new Result(ticked, without);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark tasks done in " + taskFile + ": " + e.getMessage(), e);
        }
    }

    /** Where each line starts: after every LF (a CRLF ends with LF too). */
    private static int[] lineStarts(byte[] bytes) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && i + 1 < bytes.length) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The index of the space inside a list item's leading {@code [ ]}, or -1: indentation, an optional
     * byte-order mark and {@code >} quote markers, a bullet ({@code - * +}) or number ({@code 1.} {@code 1)}),
     * blanks, then {@code [ ]}.
     */
    static int openCheckbox(byte[] bytes, int start) {
        int i = start;
        if (start == 0 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        i = skipBlanks(bytes, i);
        while (i < bytes.length && bytes[i] == '>') {
            i = skipBlanks(bytes, i + 1);
        }
        if (i < bytes.length && (bytes[i] == '-' || bytes[i] == '*' || bytes[i] == '+')) {
            i++;
        } else {
            int digits = i;
            while (i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9') {
                i++;
            }
            if (i == digits || i - digits > 9 || i >= bytes.length || (bytes[i] != '.' && bytes[i] != ')')) {
                return -1;
            }
            i++;
        }
        int afterMarker = i;
        i = skipBlanks(bytes, i);
        if (i == afterMarker) {
            return -1; // "-[ ]" is no list item
        }
        if (i + 2 < bytes.length && bytes[i] == '[' && bytes[i + 1] == ' ' && bytes[i + 2] == ']') {
            return i + 1;
        }
        return -1;
    }

    private static int skipBlanks(byte[] bytes, int i) {
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            copyPermissions(file, temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            target.setPermissions(source.readAttributes().permissions());
        }
    }
}
