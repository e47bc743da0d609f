package dev.orchestrate.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The session folder of one run (SPEC §3): created fresh, held by this run alone, and the home of
 * every file the run writes. An earlier run's folder is renamed, never deleted or reused.
 */
public final class Session implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String OWNER_FILE = ".owner";
    /** Written when a session is created and kept: what tells an earlier session from any other folder. */
    public static final String MARKER_FILE = ".orchestrate-session";

    private final Path dir;
    private final FileChannel ownerChannel;
    private final FileLock ownerLock;
    private final String runId;
    private final Optional<CrashedRun> crashed;

    private Session(Path dir, FileChannel ownerChannel, FileLock ownerLock, String runId, Optional<CrashedRun> crashed) {
        this.dir = dir;
        this.ownerChannel = ownerChannel;
        this.ownerLock = ownerLock;
        this.runId = runId;
        this.crashed = crashed;
    }

    /**
     * The run that had this session path before and ended without closing it: its owner file
     * stayed, nobody holds it, and it wrote no summary (killed, or the machine went down).
     *
     * @param folder where that run's folder was moved to
     * @param owner  what its owner file says ({@code pid 1234})
     * @param runId  its run id, empty when the owner file does not name one
     */
    public record CrashedRun(Path folder, String owner, Optional<String> runId) {
    }

    /**
     * Why {@code target} cannot be a session folder, if it cannot: only a missing path or a folder
     * that carries the session marker (or, from before the marker, a session's three sub-folders)
     * may be used; never a file, a device, a FIFO, a symbolic link, another folder, nor the
     * project root, the task file or a folder above either.
     */
    public static Optional<String> refusal(Path target, Path root, Path taskFile) {
        try {
            return refusalOf(target.toAbsolutePath().normalize(), root, taskFile);
        } catch (IOException e) {
            return Optional.of("cannot be examined: " + describe(e));
        }
    }

    /**
     * Another run may be opening a session on the same path while this looks: it moves the old
     * folder aside and its new one, whole, into place. So the path may vanish or change between any
     * two looks; each look below takes that as what it is, never as a reason to refuse.
     */
    private static Optional<String> refusalOf(Path dir, Path root, Path taskFile) throws IOException {
        Path mine = realPathOrAsIs(dir);
        for (Path kept : List.of(root, taskFile)) {
            if (realPathOrAsIs(kept).startsWith(mine) || kept.toAbsolutePath().normalize().startsWith(dir)) {
                return Optional.of(kept.equals(root) ? "is the project root or a folder above it"
                        : "is the task file or a folder above it");
            }
        }
        Optional<BasicFileAttributes> what = attributes(dir);
        if (what.isEmpty()) {
            return Optional.empty(); // not there (or under a file): creating it will say why it cannot
        }
        if (what.get().isSymbolicLink()) {
            return Optional.of("is a symbolic link, not a session folder");
        }
        if (!what.get().isDirectory()) {
            return Optional.of(what.get().isRegularFile() ? "is a file, not a session folder"
                    : "is not a folder (a device, a FIFO or a socket)");
        }
        if (isSession(dir)) {
            return Optional.empty();
        }
        // no marker: a refusal only if it is still the very folder first looked at (not moved aside or replaced)
        Optional<BasicFileAttributes> again = attributes(dir);
        if (again.isEmpty() || !Objects.equals(again.get().fileKey(), what.get().fileKey())) {
            return Optional.empty();
        }
        return Optional.of("is a folder that is not an orchestrate session (it has no " + MARKER_FILE
                + "); it is left alone: pass another --session-dir");
    }

    /** The path's own attributes (a link is not followed); empty when nothing is there. */
    private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            if (e instanceof NoSuchFileException || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty(); // a path under a file says "not a directory": it is not there either
            }
            throw e;
        }
    }

    private static Path realPathOrAsIs(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize(); // not there (yet, or any more)
        }
    }

    /** A folder an earlier run created: it carries the marker, or (before the marker) a session's three sub-folders. */
    static boolean isSession(Path dir) {
        if (Files.isRegularFile(dir.resolve(MARKER_FILE), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return Files.isDirectory(dir.resolve("messages"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("locks"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("logs"), LinkOption.NOFOLLOW_LINKS);
    }

    /** This run's id, unique to it (the session path may be used again): what its processes are found by. */
    public String runId() {
        return runId;
    }

    /** The run before on this path, when it ended without a summary. */
    public Optional<CrashedRun> crashedRun() {
        return crashed;
    }

    /**
     * Opens a new session in {@code dir}: an existing folder there is renamed to
     * {@code <name>.<yyyyMMdd-HHmmss>} first, unless another live run holds it.
     *
     * @throws SessionException when the folder is in use or cannot be created
     */
    public static Session open(Path dir, Clock clock) {
        Path target = dir.toAbsolutePath().normalize();
        // the check, the rename and the new folder under one lock: of runs started at once on one
        // path, exactly one gets the folder and the others find it in use
        synchronized (OpenLock.class) { // two opens in one JVM: the file lock alone would throw
            return openLocked(target, clock);
        }
    }

    private static Session openLocked(Path target, Clock clock) {
        try (OpenLock ignored = OpenLock.take(target)) {
            Optional<CrashedRun> crashed = Optional.empty();
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Optional<String> owner = ensureNotInUse(target);
                Path moved = freeSibling(target, STAMP.format(clock.instant().atZone(ZoneId.systemDefault())));
                Files.move(target, moved);
                if (owner.isPresent() && !Files.exists(moved.resolve("summary.json"))) {
                    crashed = Optional.of(crashedRun(moved, owner.get()));
                }
            }
            // made whole beside it, then renamed into place: a run that looks at the path before it
            // waits for the lock sees no folder or a whole session, never one without its marker
            String runId = UUID.randomUUID().toString();
            Path fresh = target.resolveSibling("." + target.getFileName() + ".new-" + runId);
            Files.createDirectories(fresh.resolve("messages"));
            Files.createDirectories(fresh.resolve("locks"));
            Files.createDirectories(fresh.resolve("logs"));
            Files.writeString(fresh.resolve(MARKER_FILE), "orchestrate session\n");
            FileChannel channel = FileChannel.open(fresh.resolve(OWNER_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(target);
            }
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\nrun " + runId + "\n"));
            channel.force(false);
            try {
                Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new Session(target, channel, lock, runId, crashed);
        } catch (IOException e) {
            throw new SessionException("cannot create session folder " + target + ": " + describe(e), e);
        }
    }

    private static CrashedRun crashedRun(Path moved, String owner) {
        Optional<String> runId = owner.lines().filter(l -> l.startsWith("run ")).map(l -> l.substring(4).strip()).findFirst();
        String pid = owner.lines().filter(l -> l.startsWith("pid ")).findFirst().orElse("pid unknown").strip();
        return new CrashedRun(moved, pid, runId);
    }

    public Path dir() {
        return dir;
    }

    public Path messages() {
        return dir.resolve("messages");
    }

    public Path locks() {
        return dir.resolve("locks");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    /** The log of a task: stdout and stderr of every attempt. */
    public Path log(String taskId) {
        return logs().resolve(fileName(taskId) + ".log");
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Writes {@code value} as JSON to {@code name} inside the session, atomically. */
    public void writeJson(String name, Object value) {
        try {
            Json.write(dir.resolve(name), value);
        } catch (UncheckedIOException e) {
            throw new SessionException(e.getMessage(), e);
        }
    }

    /** Task ids become file names; anything but letters, digits, dot, dash and underscore becomes '_'. */
    public static String fileName(String taskId) {
        return taskId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public void close() {
        try {
            ownerLock.release();
            ownerChannel.close();
            Files.deleteIfExists(dir.resolve(OWNER_FILE));
        } catch (IOException e) {
            // the lock dies with the channel; nothing the user can act on
        }
    }

    /** Throws when a live run holds {@code target}; else returns what a stale owner file says (a run that did not end). */
    private static Optional<String> ensureNotInUse(Path target) throws IOException {
        Path owner = target.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(target);
            }
            lock.release();
        }
        try {
            return Optional.of(Files.readString(owner));
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("");
        }
    }

    /**
     * Serialises the opening of one session path across processes: an exclusive lock on a file
     * named after the path, in the temporary folder (so nothing is added beside the session).
     */
    private static final class OpenLock implements AutoCloseable {
        private final FileChannel channel;

        private OpenLock(FileChannel channel) {
            this.channel = channel;
        }

        static OpenLock take(Path target) throws IOException {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "orchestrate-" + System.getProperty("user.name", "user"));
            Files.createDirectories(dir);
            String name = HexFormat.of().formatHex(sha256(target.toString())).substring(0, 32) + ".lock";
            FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new OpenLock(channel);
        }

        private static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static SessionException inUse(Path target) {
        String owner = "";
        try {
            owner = " (" + Files.readString(target.resolve(OWNER_FILE)).strip() + ")";
        } catch (IOException | UncheckedIOException e) {
            // the owner's pid is only a courtesy
        }
        return new SessionException("session folder " + target + " is in use by another run" + owner
                + "; wait for it to finish or pass --session-dir");
    }

    private static Path freeSibling(Path target, String stamp) {
        Path candidate = target.resolveSibling(target.getFileName() + "." + stamp);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = target.resolveSibling(target.getFileName() + "." + stamp + "-" + n);
        }
        return candidate;
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return e.getMessage() == null ? kind : kind.toLowerCase(java.util.Locale.ROOT) + " " + e.getMessage();
    }
}
