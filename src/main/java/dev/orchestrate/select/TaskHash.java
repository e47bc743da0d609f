package dev.orchestrate.select;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrate.session.Json;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.Task;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The fingerprint of a task's definition, which tells {@code --resume} whether a task completed in
 * an earlier session is still the same task: {@code sha256:} and the SHA-256 (hex) of one compact JSON
 * object {@code {"v":1,"id","title","body","command","files":[{"path","operation"}…],"depends_on":[…]}},
 * where the texts have their line ends made {@code \n}, trailing spaces cut and leading and trailing
 * blank lines dropped, files stay in the order named and {@code depends_on} holds the explicit
 * dependencies sorted. Left out on purpose: the line number (moving a task is no change), the
 * checkbox (ticking it is no change), the priority section and the time limit.
 */
public final class TaskHash {

    static final String PREFIX = "sha256:";
    private static final int VERSION = 1;

    private TaskHash() {
    }

    public static String of(Task task) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("v", VERSION);
        doc.put("id", task.id());
        doc.put("title", normalised(task.title()));
        doc.put("body", normalised(task.body()));
        doc.put("command", task.command().map(TaskHash::normalised).orElse(null));
        ArrayNode files = doc.putArray("files");
        for (FileRef file : task.files()) {
            files.addObject().put("path", file.path()).put("operation", file.operation().jsonName());
        }
        ArrayNode dependsOn = doc.putArray("depends_on");
        new TreeSet<>(task.dependsOn()).forEach(dependsOn::add);
        return PREFIX + sha256(doc.toString());
    }

    /** {@code \n} line ends, no trailing spaces, no blank lines at either end. */
    static String normalised(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString().replaceAll("^\\n+", "").replaceAll("\\n+$", "");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
