package dev.orchestrate.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.session.Json;
import dev.orchestrate.session.Session;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an earlier session folder says about its tasks, read from its summary.json, or, when it has
 * none (the run was killed with {@code kill -9}), from its workers' outbox records and the task
 * hashes of its execution-plan.json.
 *
 * @param dir    the session folder
 * @param name   how the decisions name it: the stamp of a renamed folder ({@code 20261203-101500}), else its name
 * @param source {@code summary.json} or {@code outbox records}
 * @param tasks  what it recorded per task id
 */
public record EarlierSession(Path dir, String name, String source, Map<String, Recorded> tasks) {

    static final String SUMMARY = "summary.json";
    static final String OUTBOXES = "outbox records";
    /** Statuses of a task that did not start in that session. */
    private static final java.util.Set<String> NOTHING_RAN = java.util.Set.of("not_run", "already_done", "not_selected", "pending");
    private static final Pattern RENAMED = Pattern.compile("(?<stamp>\\d{8}-\\d{6})(?:-(?<n>\\d+))?");

    public EarlierSession {
        tasks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    }

    /**
     * One task as the earlier session left it.
     *
     * @param status      its status there ({@code completed}, {@code failed}, {@code stopped} …; {@code resumed}
     *                    when that session took it over from one before)
     * @param hash        its {@link TaskHash} there, when recorded
     * @param completedIn the name of the session that ran it to completion, for a completed or resumed task
     * @param log         that run's log of it
     */
    public record Recorded(String id, String status, Optional<String> hash, Optional<String> completedIn, Optional<Path> log) {

        public boolean completed() {
            return completedIn.isPresent();
        }
    }

    /**
     * The newest earlier session of {@code taskFile} beside {@code sessionDir} (its renamed
     * {@code <name>.<yyyyMMdd-HHmmss>} siblings, and with {@code includeCurrent} the folder itself)
     * in which something ran; empty when there is none.
     */
    public static Optional<EarlierSession> newest(Path sessionDir, Path taskFile, boolean includeCurrent) {
        List<Path> candidates = new ArrayList<>();
        if (includeCurrent && Files.isDirectory(sessionDir)) {
            candidates.add(sessionDir);
        }
        candidates.addAll(renamedSiblings(sessionDir));
        for (Path candidate : candidates) {
            Optional<EarlierSession> read = tryRead(candidate);
            if (read.isPresent() && read.get().ranSomething() && sameFile(recordedTaskFile(candidate), taskFile)) {
                return read;
            }
        }
        return Optional.empty();
    }

    /** {@code --resume DIR}: that folder, whatever task file it ran. */
    public static EarlierSession of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SelectionException("--resume " + dir + ": not a folder");
        }
        return tryRead(dir).orElseThrow(() -> new SelectionException("--resume " + dir
                + ": not a session folder (it has no summary.json, execution-plan.json or messages/)"));
    }

    /** The task file the session ran, as its summary.json or execution-plan.json says. */
    static Optional<Path> recordedTaskFile(Path dir) {
        for (String name : List.of(SUMMARY, "execution-plan.json")) {
            JsonNode doc = readJson(dir.resolve(name));
            if (doc != null && doc.path("task_file").isTextual()) {
                return Optional.of(Path.of(doc.get("task_file").asText()));
            }
        }
        return Optional.empty();
    }

    /** Whether any task ran there (a dry run, or a run refused before execution, ran none). */
    boolean ranSomething() {
        return tasks.values().stream().anyMatch(t -> !NOTHING_RAN.contains(t.status()));
    }

    Optional<Recorded> task(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    private static Optional<EarlierSession> tryRead(Path dir) {
        String name = displayName(dir);
        JsonNode summary = readJson(dir.resolve(SUMMARY));
        if (summary != null && summary.path("tasks").isArray()) {
            return Optional.of(new EarlierSession(dir, name, SUMMARY, fromSummary(dir, name, summary)));
        }
        JsonNode plan = readJson(dir.resolve("execution-plan.json"));
        if (plan == null && !Files.isDirectory(dir.resolve("messages"))) {
            return Optional.empty();
        }
        return Optional.of(new EarlierSession(dir, name, OUTBOXES, fromOutboxes(dir, name, plan)));
    }

    private static Map<String, Recorded> fromSummary(Path dir, String name, JsonNode summary) {
        Map<String, Recorded> tasks = new LinkedHashMap<>();
        for (JsonNode task : summary.get("tasks")) {
            String id = task.path("id").asText("");
            if (id.isEmpty()) {
                continue;
            }
            String status = task.path("status").asText("not_run");
            if (status.equals("not_run") && task.path("attempts").size() > 0) {
                status = "stopped"; // stopped by the end of the run, before the status had its own name
            }
            Optional<String> hash = text(task.path("task_hash"));
            JsonNode selection = task.path("selection");
            Optional<String> completedIn = Optional.empty();
            Optional<Path> log = Optional.empty();
            if (status.equals("completed")) {
                completedIn = Optional.of(name);
                log = Optional.of(dir.resolve("logs").resolve(Session.fileName(id) + ".log"));
            } else if (status.equals("resumed")) {
                completedIn = text(selection.path("completed_in"));
                log = text(selection.path("log")).map(Path::of);
            }
            tasks.put(id, new Recorded(id, status, hash, completedIn, log));
        }
        return tasks;
    }

    /**
     * A session without summary.json: a task completed when a worker's outbox lists it completed;
     * its hash and the tasks that session resumed come from execution-plan.json.
     */
    private static Map<String, Recorded> fromOutboxes(Path dir, String name, JsonNode plan) {
        Map<String, String> status = new LinkedHashMap<>();
        // handed to a worker: it started, and ended as its outbox says, else it was running when the run died
        messages(dir, "worker-*-inbox.json").forEach(doc -> doc.path("tasks").forEach(e -> status.put(e.path("id").asText(), "unfinished")));
        messages(dir, "worker-*-outbox.json").forEach(doc -> doc.path("tasks_failed").forEach(e -> status.put(e.path("id").asText(), "failed")));
        messages(dir, "worker-*-outbox.json").forEach(doc -> doc.path("tasks_completed").forEach(e -> status.put(e.path("id").asText(), "completed")));
        Map<String, Recorded> tasks = new LinkedHashMap<>();
        JsonNode planned = plan == null ? null : plan.path("tasks");
        if (planned != null && planned.isObject()) {
            planned.fields().forEachRemaining(entry -> {
                String id = entry.getKey();
                JsonNode task = entry.getValue();
                Optional<String> hash = text(task.path("task_hash"));
                JsonNode selection = task.path("selection");
                if (status.containsKey(id)) {
                    tasks.put(id, recordedRun(dir, name, id, status.get(id), hash));
                } else if (selection.path("decision").asText("").equals("resumed")) {
                    tasks.put(id, new Recorded(id, "resumed", hash, text(selection.path("completed_in")),
                            text(selection.path("log")).map(Path::of)));
                } else {
                    tasks.put(id, new Recorded(id, task.path("status").asText("pending").equals("done") ? "already_done" : "not_run",
                            hash, Optional.empty(), Optional.empty()));
                }
            });
        }
        status.forEach((id, s) -> tasks.putIfAbsent(id, recordedRun(dir, name, id, s, Optional.empty())));
        return tasks;
    }

    private static List<JsonNode> messages(Path dir, String glob) {
        List<JsonNode> docs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("messages"), glob)) {
            for (Path file : files) {
                JsonNode doc = readJson(file);
                if (doc != null) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            // no messages folder: nothing ran there
        }
        return docs;
    }

    private static Recorded recordedRun(Path dir, String name, String id, String status, Optional<String> hash) {
        boolean completed = status.equals("completed");
        return new Recorded(id, status, hash, completed ? Optional.of(name) : Optional.empty(),
                completed ? Optional.of(dir.resolve("logs").resolve(Session.fileName(id) + ".log")) : Optional.empty());
    }

    /** {@code parallel-session.20261203-101500} → {@code 20261203-101500}; any other folder keeps its name. */
    static String displayName(Path dir) {
        String file = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        int dot = file.lastIndexOf('.');
        if (dot >= 0 && RENAMED.matcher(file.substring(dot + 1)).matches()) {
            return file.substring(dot + 1);
        }
        return file;
    }

    /** {@code <name>.<stamp>[-n]} beside the session folder, newest first. */
    static List<Path> renamedSiblings(Path sessionDir) {
        Path parent = sessionDir.toAbsolutePath().normalize().getParent();
        String prefix = sessionDir.getFileName() + ".";
        List<Path> found = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return found;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent)) {
            for (Path sibling : siblings) {
                String file = sibling.getFileName().toString();
                if (file.startsWith(prefix) && RENAMED.matcher(file.substring(prefix.length())).matches()
                        && Files.isDirectory(sibling)) {
                    found.add(sibling);
                }
            }
        } catch (IOException e) {
            return found;
        }
        found.sort(Comparator.comparing((Path p) -> stamp(p, prefix)).thenComparingInt(p -> number(p, prefix)).reversed());
        return found;
    }

    private static String stamp(Path dir, String prefix) {
        Matcher m = RENAMED.matcher(dir.getFileName().toString().substring(prefix.length()));
        return m.matches() ? m.group("stamp") : "";
    }

    private static int number(Path dir, String prefix) {
        Matcher m = RENAMED.matcher(dir.getFileName().toString().substring(prefix.length()));
        return m.matches() && m.group("n") != null ? Integer.parseInt(m.group("n")) : 1;
    }

    private static boolean sameFile(Optional<Path> recorded, Path taskFile) {
        if (recorded.isEmpty()) {
            return false;
        }
        Path a = recorded.get().toAbsolutePath().normalize();
        Path b = taskFile.toAbsolutePath().normalize();
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The file as JSON; null when it is missing or not whole JSON. */
    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }
}
