package dev.orchestrate.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The session folder of one run (SPEC §3): created fresh, held by this run alone, and the home of
 * every file the run writes. An earlier run's folder is renamed, never deleted or reused.
 */
public final class Session implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String OWNER_FILE = ".owner";

    private final Path dir;
    private final FileChannel ownerChannel;
    private final FileLock ownerLock;

    private Session(Path dir, FileChannel ownerChannel, FileLock ownerLock) {
        this.dir = dir;
        this.ownerChannel = ownerChannel;
        this.ownerLock = ownerLock;
    }

    /**
     * Opens a new session in {@code dir}: an existing folder there is renamed to
     * {@code <name>.<yyyyMMdd-HHmmss>} first, unless another live run holds it.
     *
     * @throws SessionException when the folder is in use or cannot be created
     */
    public static Session open(Path dir, Clock clock) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(target)) {
                ensureNotInUse(target);
                Files.move(target, freeSibling(target, STAMP.format(clock.instant().atZone(ZoneId.systemDefault()))));
            }
            Files.createDirectories(target.resolve("messages"));
            Files.createDirectories(target.resolve("locks"));
            Files.createDirectories(target.resolve("logs"));
            FileChannel channel = FileChannel.open(target.resolve(OWNER_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(target);
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"));
            return new Session(target, channel, lock);
        } catch (IOException e) {
            throw new SessionException("cannot create session folder " + target + ": " + describe(e), e);
        }
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

    private static void ensureNotInUse(Path target) throws IOException {
        Path owner = target.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(target);
            }
            lock.release();
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
