package dev.orchestrate.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrate.session.Json;
import dev.orchestrate.session.SessionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The file locks of a session (SPEC §5.4): {@code locks/<first 16 hex of sha256(path)>.lock}, created
 * atomically and holding who took it. A task takes all its locks or none, in hash order, so two tasks
 * can never wait for each other. A held lock is never taken over. Each lock is also taken in the
 * project's {@link ProjectLocks}, so that runs on one project with different session folders never
 * change one file at once.
 *
 * <p>Not thread-safe: one owner (the coordinator thread) takes and releases every lock of a run.
 */
public final class FileLocks {

    private static final String SUFFIX = ".lock";

    private final Path dir;
    private final Path root;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private final Map<String, LockHolder> held = new HashMap<>();
    private final ProjectLocks project;

    /**
     * @param dir  the session's {@code locks/} folder
     * @param root the project root the task paths are relative to
     */
    public FileLocks(Path dir, Path root, Clock clock) {
        this.dir = dir;
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.project = new ProjectLocks(real(this.root));
    }

    /**
     * Takes the lock of every path for {@code task} on {@code worker}: all of them, in hash order, or
     * none (what was taken is given back) when one is held, by this run or by another run on the project.
     *
     * @throws SessionException when a lock file cannot be written
     */
    public Acquisition acquire(String worker, String task, Collection<String> paths) {
        TreeMap<String, String> byHash = new TreeMap<>();
        for (String path : paths) {
            String normalised = normalise(path);
            byHash.putIfAbsent(hash(normalised), normalised);
        }
        List<String> taken = new ArrayList<>(byHash.size());
        for (Map.Entry<String, String> lock : byHash.entrySet()) {
            String hash = lock.getKey();
            LockHolder other = held.get(hash);
            LockHolder mine = new LockHolder(worker, task, lock.getValue(), pid, clock.instant());
            if (other == null) {
                other = tryCreate(hash, mine).orElse(null);
            }
            if (other != null) {
                release(taken);
                return new Acquisition.Held(hash, lock.getValue(), other, false);
            }
            taken.add(hash);
            Optional<LockHolder> otherRun = project.tryTake(hash, mine);
            if (otherRun.isPresent()) {
                release(taken);
                return new Acquisition.Held(hash, lock.getValue(), otherRun.get(), true);
            }
        }
        return new Acquisition.Acquired(taken);
    }

    /** Gives back these locks (hashes as {@link Acquisition.Acquired} named them). */
    public void release(Collection<String> hashes) {
        for (String hash : hashes) {
            try {
                Files.deleteIfExists(file(hash));
            } catch (IOException e) {
                throw new SessionException("cannot release lock " + file(hash) + ": " + e.getMessage(), e);
            } finally {
                project.release(hash);
            }
            held.remove(hash);
        }
    }

    /**
     * Releases every lock whose content names {@code worker}, found by reading the lock files (not by
     * what this object remembers), as when a worker is replaced.
     *
     * @return the hashes released
     */
    public List<String> releaseAllOf(String worker) {
        List<String> released = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                Optional<LockHolder> holder = read(file);
                if (holder.isPresent() && holder.get().worker().equals(worker)) {
                    String name = file.getFileName().toString();
                    released.add(name.substring(0, name.length() - SUFFIX.length()));
                }
            }
        } catch (IOException e) {
            throw new SessionException("cannot read locks folder " + dir + ": " + e.getMessage(), e);
        }
        release(released);
        return released;
    }

    /** Who holds the lock {@code hash}, as its file says. */
    public Optional<LockHolder> holder(String hash) {
        LockHolder holder = held.get(hash);
        return holder != null ? Optional.of(holder) : read(file(hash));
    }

    /** The lock file of {@code hash}. */
    public Path file(String hash) {
        return dir.resolve(hash + SUFFIX);
    }

    /** The hash of the lock guarding {@code path} (any spelling of it). */
    public String hashOf(String path) {
        return hash(normalise(path));
    }

    /**
     * Root-relative, {@code /}-separated, with {@code .}, {@code ..} and symbolic links resolved (a
     * link and its target are one file, so one lock); absolute if outside the root.
     */
    public String normalise(String path) {
        String text = path.strip().replace('\\', '/');
        try {
            Path resolved = real(root.resolve(text).normalize());
            Path base = real(root);
            Path shown = resolved.startsWith(base) ? base.relativize(resolved)
                    : resolved.startsWith(root) ? root.relativize(resolved) : resolved;
            String result = shown.toString().replace('\\', '/');
            return result.isEmpty() ? "." : result;
        } catch (InvalidPathException e) {
            return text;
        }
    }

    /** {@code path} with the symbolic links of its longest existing part resolved; the rest as written. */
    private static Path real(Path path) {
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path realPart = existing.toRealPath();
            return rest == null ? realPart : realPart.resolve(rest).normalize();
        } catch (IOException | SecurityException e) {
            return path;
        }
    }

    /** The first 16 hex digits of the SHA-256 of the normalised path's UTF-8 bytes. */
    public static String hash(String normalisedPath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalisedPath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Creates the lock file for {@code mine}; when it already exists, returns who holds it instead. */
    private Optional<LockHolder> tryCreate(String hash, LockHolder mine) {
        Path file = file(hash);
        try {
            Files.write(file, content(mine), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            held.put(hash, mine);
            return Optional.empty();
        } catch (FileAlreadyExistsException e) {
            // taken outside this object's knowledge: report its holder, never take it over
            return Optional.of(read(file).orElseGet(() -> new LockHolder("unknown", "unknown", mine.path(), -1, clock.instant())));
        } catch (IOException e) {
            throw new SessionException("cannot write lock " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] content(LockHolder holder) {
        ObjectNode node = Json.mapper().createObjectNode()
                .put("worker", holder.worker())
                .put("task", holder.task())
                .put("path", holder.path())
                .put("pid", holder.pid())
                .put("acquired_at", Json.time(holder.acquiredAt()));
        return (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<LockHolder> read(Path file) {
        try {
            JsonNode node = Json.mapper().readTree(Files.readAllBytes(file));
            if (node == null || !node.hasNonNull("worker")) {
                return Optional.empty();
            }
            Instant at;
            try {
                at = Instant.parse(node.path("acquired_at").asText());
            } catch (DateTimeParseException e) {
                at = Instant.EPOCH;
            }
            return Optional.of(new LockHolder(node.path("worker").asText(), node.path("task").asText(),
                    node.path("path").asText(), node.path("pid").asLong(-1), at));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
