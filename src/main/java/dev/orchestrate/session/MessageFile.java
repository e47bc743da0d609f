package dev.orchestrate.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's inbox or outbox file ({@link WorkerInbox}, {@link WorkerOutbox}), cumulative over the
 * run and rewritten whole (temp file + atomic rename) on every new entry. Each entry is serialized
 * once, so a thousand-task run stays cheap; the file is compact JSON.
 *
 * <p>The rename that replaces the file would free the old version's inode and the next write would
 * allocate a new one: on ext4 without a journal, allocating next to many recently freed inodes costs
 * a scan of them all, and a thousand-task run paid over a second for it. So the old version is kept
 * under a second name and becomes the next temp file: two inodes per message file, reused for the
 * whole run; a reader still only ever sees a whole file.
 *
 * <p>One writer at a time: the coordinator writes inboxes, each worker its own outbox. Uses plain
 * java.io streams, which an interrupted writer thread can still use (NIO channels close on interrupt).
 */
public final class MessageFile {

    private final Path file;
    private final Path temp;
    private final Path previous;
    private final String head;
    private final List<String> arrayNames;
    private final List<StringBuilder> arrays = new ArrayList<>();

    private MessageFile(Path file, ObjectNode header, List<String> arrayNames) {
        this.file = file;
        this.temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        this.previous = file.resolveSibling("." + file.getFileName() + ".prev");
        String json = header.toString();
        this.head = json.substring(0, json.length() - 1);
        this.arrayNames = List.copyOf(arrayNames);
        arrayNames.forEach(n -> arrays.add(new StringBuilder()));
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
        StringBuilder target = arrays.get(array);
        if (target.length() > 0) {
            target.append(",\n");
        }
        target.append(json);
        write();
    }

    /** Gives the current version a second name, so the rename below frees no inode; false where that fails. */
    private boolean keepPrevious() {
        try {
            Files.createLink(previous, file);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            try {
                Files.delete(previous);
                Files.createLink(previous, file);
                return true;
            } catch (IOException | UnsupportedOperationException again) {
                return false;
            }
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void write() {
        StringBuilder text = new StringBuilder(head.length() + arrays.stream().mapToInt(StringBuilder::length).sum() + 64);
        text.append(head);
        for (int i = 0; i < arrays.size(); i++) {
            text.append(",\n\"").append(arrayNames.get(i)).append("\":[");
            if (arrays.get(i).length() > 0) {
                text.append('\n').append(arrays.get(i)).append('\n');
            }
            text.append(']');
        }
        text.append("}\n");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            try (OutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(bytes);
            }
            boolean kept = keepPrevious();
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (kept) {
                Files.move(previous, temp, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new SessionException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
