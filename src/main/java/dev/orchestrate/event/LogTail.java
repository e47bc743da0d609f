package dev.orchestrate.event;

import dev.orchestrate.session.AttemptHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last lines of a task's log, read backwards from the end so a huge log costs no more than a small one. */
public final class LogTail {

    /** How many lines the console shows under a failure. */
    public static final int LINES = 15;
    /** The most lines {@code --output full} shows of one attempt (within the bytes read from the end). */
    public static final int MAX_LINES = 2000;
    private static final int BLOCK = 8192;
    /** Never read more than this from the end, however long the lines are. */
    private static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_LINE_CHARS = 500;

    private LogTail() {
    }

    /**
     * The last {@code count} lines of {@code log} (without line terminators, trailing blank lines
     * dropped, each cut to 500 characters), or nothing when the file is missing or unreadable.
     */
    public static List<String> read(Path log, int count) {
        if (log == null || count <= 0) {
            return List.of();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long size = channel.size();
            long start = size;
            byte[] tail = new byte[0];
            while (start > 0 && newlines(tail) <= count && size - start < MAX_BYTES) {
                int length = (int) Math.min(BLOCK, start);
                start -= length;
                ByteBuffer buffer = ByteBuffer.allocate(length);
                channel.position(start);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // fill the block
                }
                byte[] joined = new byte[length + tail.length];
                System.arraycopy(buffer.array(), 0, joined, 0, length);
                System.arraycopy(tail, 0, joined, length, tail.length);
                tail = joined;
            }
            return lastLines(decode(tail), count, start > 0);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * What the last attempt of {@code taskId} printed, from {@code tail}: the lines after the last
     * {@link AttemptHeader header} of the task the worker put in the log (all of them when no header
     * is among them), without the worker's own marks, such as the time-out line the failure already names.
     */
    public static List<String> ofLastAttempt(List<String> tail, String taskId) {
        int from = 0;
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (AttemptHeader.isHeader(tail.get(i), taskId)) {
                from = i + 1;
                break;
            }
        }
        return output(tail.subList(from, tail.size()), taskId);
    }

    /**
     * What attempt {@code number} of {@code taskId} printed, from {@code tail}: the lines after its
     * header up to the next attempt's, without the worker's marks; all of {@code tail} when it has no
     * header of the task, nothing when it has others' but not this one's (it was cut off the tail).
     */
    public static List<String> ofAttempt(List<String> tail, String taskId, int number) {
        int from = -1;
        boolean headers = false;
        for (int i = 0; i < tail.size(); i++) {
            if (AttemptHeader.isHeader(tail.get(i), taskId)) {
                headers = true;
                if (AttemptHeader.isHeader(tail.get(i), taskId, number)) {
                    from = i + 1;
                }
            }
        }
        if (from < 0) {
            return headers ? List.of() : tail;
        }
        return output(tail.subList(from, tail.size()), taskId);
    }

    /** The lines up to the next header of the task, the worker's marks left out. */
    private static List<String> output(List<String> lines, String taskId) {
        List<String> printed = new ArrayList<>();
        for (String line : lines) {
            if (AttemptHeader.isHeader(line, taskId)) {
                break;
            }
            if (!AttemptHeader.isMark(line)) {
                printed.add(line);
            }
        }
        return printed;
    }

    private static int newlines(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static List<String> lastLines(String text, int count, boolean cutAtStart) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            // a carriage return redraws the line on a terminal: keep what would be left on screen
            String visible = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            lines.add(visible.substring(visible.lastIndexOf('\r') + 1));
        }
        if (cutAtStart && !lines.isEmpty()) {
            lines.remove(0); // the first line read is only the end of a line
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
        List<String> result = new ArrayList<>(last.size());
        for (String line : last) {
            boolean tooLong = line.codePointCount(0, line.length()) > MAX_LINE_CHARS;
            result.add(tooLong ? line.substring(0, line.offsetByCodePoints(0, MAX_LINE_CHARS)) + "..." : line);
        }
        return result;
    }
}
