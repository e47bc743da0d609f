package dev.orchestrate.session;

import java.time.Instant;

/**
 * The line a worker writes into a task's log before each attempt,
 * {@code === T003 attempt 2/3 on worker-1 at 2026-12-03T10:15:00.123Z ===}, and the worker's other
 * {@code === … ===} marks (a time-out, a stop). The one owner of that format: the run writes it,
 * the console, the JUnit report and anything else that reads one attempt's output out of a log
 * finds it with the same methods.
 */
public final class AttemptHeader {

    private static final String MARK = "=== ";
    private static final String MARK_END = " ===";

    private AttemptHeader() {
    }

    /** The header of attempt {@code attempt} of {@code maxAttempts} of {@code taskId}, run by {@code worker} from {@code at}. */
    public static String of(String taskId, int attempt, int maxAttempts, String worker, Instant at) {
        return MARK + taskId + " attempt " + attempt + "/" + maxAttempts + " on " + worker + " at " + Json.time(at) + MARK_END;
    }

    /** A mark of the worker's own ({@code === … ===}): a header, a time-out, a stop; not the task's output. */
    public static String mark(String text) {
        return MARK + text + MARK_END;
    }

    /** Whether {@code line} is the header of any attempt of {@code taskId}. */
    public static boolean isHeader(String line, String taskId) {
        return line.startsWith(MARK + taskId + " attempt ");
    }

    /** Whether {@code line} is the header of attempt {@code number} of {@code taskId}. */
    public static boolean isHeader(String line, String taskId, int number) {
        String mine = MARK + taskId + " attempt " + number;
        return line.startsWith(mine + "/") || line.startsWith(mine + " ");
    }

    /** Whether {@code line} is one of the worker's own marks rather than the task's output. */
    public static boolean isMark(String line) {
        return line.startsWith(MARK) && line.endsWith(MARK_END);
    }
}
