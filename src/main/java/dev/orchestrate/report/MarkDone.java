package dev.orchestrate.report;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.session.Json;
import dev.orchestrate.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
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
     * @param changed          the tasks whose line changed or vanished while they ran: not ticked
     */
    public record Result(List<String> ticked, List<String> withoutCheckbox, List<String> changed) {
        public Result {
            ticked = List.copyOf(ticked);
            withoutCheckbox = List.copyOf(withoutCheckbox);
            changed = List.copyOf(changed);
        }

        public Result(List<String> ticked, List<String> withoutCheckbox) {
            this(ticked, withoutCheckbox, List.of());
        }
    }

    private MarkDone() {
    }

    /**
     * Ticks the tasks the run completed, in the plan's task file, and those it {@code resumed}: taken
     * as completed in an earlier session, so that the file ends with every completed task ticked.
     */
    public static Result completed(ExecutionPlan plan, RunResult result, Collection<String> resumed) {
        List<Task> completed = new ArrayList<>();
        for (TaskResult r : result.tasks().values()) {
            PlannedTask planned = plan.tasks().get(r.id());
            if ((r.status() == TaskStatus.COMPLETED || resumed.contains(r.id())) && planned != null) {
                completed.add(planned.task());
            }
        }
        return tick(plan.taskFile(), completed);
    }

    /**
     * Ticks the checkbox of each of {@code tasks} in {@code taskFile} as it is now, which may differ
     * from the file the run read: a task's checkbox is the one on a line holding its title (and its
     * id where a line does), on {@link Task#line()} when that line still does, else the one such
     * line; a task with no such line, or more than one, is not ticked and is listed as changed.
     */
    public static Result tick(Path taskFile, Collection<Task> tasks) {
        try {
            Path file = taskFile.toRealPath();
            byte[] bytes = Files.readAllBytes(file);
            int[] lineStarts = lineStarts(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            List<String> ticked = new ArrayList<>();
            List<String> without = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (Task task : tasks) {
                int line = lineOf(task, lines, bytes, lineStarts);
                if (line == NO_CHECKBOX) {
                    without.add(task.id());
                } else if (line < 0) {
                    changed.add(task.id());
                } else {
                    bytes[openCheckbox(bytes, lineStarts[line])] = 'x';
                    ticked.add(task.id());
                }
            }
            if (!ticked.isEmpty()) {
                refuseReadOnly(file);
                replace(file, bytes);
            }
            return new Result(ticked, without, changed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark tasks done in " + taskFile + ": " + e.getMessage(), e);
        }
    }

    private static final int NO_CHECKBOX = -2;

    /** The 0-based line whose open checkbox is {@code task}'s; {@link #NO_CHECKBOX}; or -1 (changed or vanished). */
    private static int lineOf(Task task, String[] lines, byte[] bytes, int[] lineStarts) {
        String title = plain(task.title());
        int original = task.line() - 1;
        if (original >= 0 && original < lineStarts.length && original < lines.length
                && openCheckbox(bytes, lineStarts[original]) < 0 && plain(lines[original]).contains(title)) {
            return NO_CHECKBOX; // a heading, or already ticked
        }
        List<Integer> candidates = new ArrayList<>();
        List<Integer> withId = new ArrayList<>();
        for (int i = 0; i < lineStarts.length && i < lines.length; i++) {
            if (openCheckbox(bytes, lineStarts[i]) >= 0 && !title.isEmpty() && plain(lines[i]).contains(title)) {
                candidates.add(i);
                if (containsWord(lines[i], task.id())) {
                    withId.add(i);
                }
            }
        }
        if (original >= 0 && original < lineStarts.length && original < lines.length && openCheckbox(bytes, lineStarts[original]) >= 0
                && (candidates.contains(original) || containsWord(lines[original], task.id()))) {
            return original; // its line, as it was
        }
        List<Integer> chosen = withId.isEmpty() ? candidates : withId;
        if (chosen.contains(original)) {
            return original;
        }
        return chosen.size() == 1 ? chosen.get(0) : -1;
    }

    private static String plain(String text) {
        return text.replace("*", "").replace("`", "").replace("_", "").replaceAll("\\s+", " ").strip();
    }

    private static boolean containsWord(String line, String word) {
        return java.util.regex.Pattern.compile("(?<![\\w-])" + java.util.regex.Pattern.quote(word) + "(?![\\w-])")
                .matcher(line).find();
    }

    /** A file whose owner may not write it, or in a folder whose owner may not write it, is left alone, even by root. */
    private static void refuseReadOnly(Path file) throws IOException {
        if (!OutputPath.ownerMayWrite(file) || !Files.isWritable(file)) {
            throw new IOException("the file is read-only");
        }
        Path dir = file.getParent();
        if (dir != null && (!OutputPath.ownerMayWrite(dir) || !Files.isWritable(dir))) {
            throw new IOException("its folder " + dir + " is read-only");
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
        Json.writeAtomically(file, bytes, temp -> copyPermissions(file, temp));
    }

    /** Mode, owner and group of the task file go to its replacement; when they cannot, the file is not replaced. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            PosixFileAttributes was = source.readAttributes();
            PosixFileAttributes now = target.readAttributes();
            try {
                if (!was.group().equals(now.group())) {
                    target.setGroup(was.group());
                }
                if (!was.owner().equals(now.owner())) {
                    target.setOwner(was.owner());
                }
            } catch (IOException e) {
                throw new IOException("cannot keep its owner " + was.owner().getName() + ":" + was.group().getName()
                        + " (" + e.getMessage() + ")", e);
            }
            target.setPermissions(was.permissions());
        }
    }
}
