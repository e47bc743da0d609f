package dev.orchestrate.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the next attempt of a task should know about the one that just failed after its process
 * succeeded: the check's last lines, the paths that conflicted. Saved beside the task's log as
 * {@code logs/<id>.attempt-<n>.note.md}, so that the next attempt, on whichever worker, puts it in
 * its prompt.
 */
final class RetryNote {

    private RetryNote() {
    }

    static Path path(Path log, int attempt) {
        String name = log.getFileName().toString();
        String stem = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        return log.resolveSibling(stem + ".attempt-" + attempt + ".note.md");
    }

    static void write(Path log, int attempt, String text) {
        try (OutputStream out = new FileOutputStream(path(log, attempt).toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the retry goes on without it; the log has the same lines
        }
    }

    /** The note the attempt before {@code attempt} left, if any. */
    static Optional<String> before(Path log, int attempt) {
        if (attempt < 2) {
            return Optional.empty();
        }
        Path note = path(log, attempt - 1);
        try {
            return Files.isRegularFile(note) ? Optional.of(Files.readString(note)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The note for a failed check. */
    static String checkFailed(String label, String command, String why, String tail) {
        return "After your previous attempt, the check `" + command + "` (" + label + ") failed: " + why + ".\n"
                + (tail.isBlank() ? "" : "Its last lines:\n\n```\n" + tail.strip() + "\n```\n\n")
                + "Make the task pass this check.\n";
    }
}
