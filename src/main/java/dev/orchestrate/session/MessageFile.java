package dev.orchestrate.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's inbox or outbox file ({@link WorkerInbox}, {@link WorkerOutbox}), cumulative over the
 * run. It is created whole (temp file + atomic rename); each new entry then rewrites only the bytes
 * from the end of its array on (the entry, the closing brackets and any later array), so the bytes
 * a run writes grow linearly with its tasks, not with their square (10,000 tasks rewrote 3.2 GB
 * when each entry rewrote the whole file). Each entry is serialized once; the file is compact JSON.
 *
 * <p>One writer at a time: the coordinator writes inboxes, each worker its own outbox. Uses plain
 * java.io, which an interrupted writer thread can still use (NIO channels close on interrupt).
 */
public final class MessageFile {

    private final Path file;
    private final Path temp;
    private final Path previous;
    private final String head;
    private final List<String> arrayNames;
    private final List<StringBuilder> arrays = new ArrayList<>();
    private final long headBytes;
    private final long[] contentBytes;
    private RandomAccessFile out;

    private MessageFile(Path file, ObjectNode header, List<String> arrayNames) {
        this.file = file;
        this.temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        this.previous = file.resolveSibling("." + file.getFileName() + ".prev");
        String json = header.toString();
        this.head = json.substring(0, json.length() - 1);
        this.arrayNames = List.copyOf(arrayNames);
        arrayNames.forEach(n -> arrays.add(new StringBuilder()));
        this.headBytes = head.getBytes(StandardCharsets.UTF_8).length;
        this.contentBytes = new long[arrayNames.size()];
    }

    /** {@code messages/<worker>-inbox.json}, written at once with no task. */
    public static MessageFile inbox(Session session, String workerId) {
        ObjectNode header = Json.mapper().createObjectNode()
                .put("worker_id", workerId)
                .put("session_folder", session.dir().toString());
        return create(session.messages().resolve(workerId + "-inbox.json"), header, List.of("tasks"));
    }

    /** {@code messages/<worker>-outbox.json}, written at once with no attempt. */
    public static MessageFile outbox(Session session, String workerId) {
        ObjectNode header = Json.mapper().createObjectNode().put("worker_id", workerId);
        return create(session.messages().resolve(workerId + "-outbox.json"), header, List.of("tasks_completed", "tasks_failed"));
    }

    public Path path() {
        return file;
    }

    /** Removes the temp file that holds the previous version; the message file itself stays. */
    public void close() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            Files.deleteIfExists(temp);
            Files.deleteIfExists(previous);
        } catch (IOException e) {
            // a left-over hidden temp file is harmless
        }
    }

    /** Appends a task to an inbox and rewrites it. */
    public void add(WorkerInbox.Entry task) {
        append(0, task);
    }

    /** Appends a finished attempt to an outbox ({@code tasks_completed} or {@code tasks_failed}) and rewrites it. */
    public void add(WorkerOutbox.Entry attempt) {
        append(attempt.error().isEmpty() ? 0 : 1, attempt);
    }

    private static MessageFile create(Path file, ObjectNode header, List<String> arrayNames) {
        MessageFile message = new MessageFile(file, header, arrayNames);
        message.write();
        return message;
    }

    private void append(int array, Object entry) {
        if (array >= arrays.size()) {
            throw new IllegalArgumentException(file.getFileName() + " has no array " + array);
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + entry, e);
        }
        // where array's content ends now: everything before it stays as it is on disk
        long at = headBytes;
        for (int i = 0; i < array; i++) {
            at += rendered(i);
        }
        at += prefix(array).length + (contentBytes[array] > 0 ? 1 + contentBytes[array] : 0);
        StringBuilder changed = new StringBuilder(json.length() + 16);
        changed.append(contentBytes[array] > 0 ? ",\n" : "\n").append(json).append("\n]");
        StringBuilder target = arrays.get(array);
        if (target.length() > 0) {
            target.append(",\n");
        }
        target.append(json);
        contentBytes[array] = utf8Length(target);
        for (int i = array + 1; i < arrays.size(); i++) {
            changed.append(render(i));
        }
        changed.append("}\n");
        byte[] bytes = changed.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                out = new RandomAccessFile(file.toFile(), "rw");
            }
            out.seek(at);
            out.write(bytes);
            out.setLength(at + bytes.length);
        } catch (IOException e) {
            throw new SessionException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] prefix(int array) {
        return (",\n\"" + arrayNames.get(array) + "\":[").getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes array {@code i} takes in the file: its name, its entries, its brackets. */
    private long rendered(int i) {
        return prefix(i).length + (contentBytes[i] > 0 ? contentBytes[i] + 2 : 0) + 1;
    }

    private String render(int i) {
        StringBuilder text = new StringBuilder();
        text.append(",\n\"").append(arrayNames.get(i)).append("\":[");
        if (arrays.get(i).length() > 0) {
            text.append('\n').append(arrays.get(i)).append('\n');
        }
        return text.append(']').toString();
    }

    private static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The first version of the file, whole (temp file + atomic rename): a reader never sees a part of it. */
    private void write() {
        StringBuilder text = new StringBuilder(head.length() + 64);
        text.append(head);
        for (int i = 0; i < arrays.size(); i++) {
            text.append(render(i));
        }
        text.append("}\n");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            try (OutputStream stream = new FileOutputStream(temp.toFile())) {
                stream.write(bytes);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SessionException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
