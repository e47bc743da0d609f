package dev.orchestrate.lock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.session.Json;
import dev.orchestrate.session.SessionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The locks one project shares with every run on it, whatever session folder each run writes: one
 * operating-system file lock ({@link FileChannel#tryLock()}) per path, in a folder of the user's temp
 * directory named after the project root. The session's {@code locks/} files stay the record of a
 * run; these make the exclusion hold across runs. The system lets go of them when the run's process
 * ends, so a crashed run never leaves one behind; the files themselves stay (a few bytes each), since
 * deleting a file another run may have just opened would let two runs hold "the same" lock.
 *
 * <p>Not thread-safe: {@link FileLocks}' owner is the only caller.
 */
final class ProjectLocks {

    private final Path dir;
    private final Map<String, Taken> held = new HashMap<>();

    private record Taken(FileChannel channel, FileLock lock) {
    }

    /** @param root the project root, real path (links resolved) */
    ProjectLocks(Path root) {
        this.dir = folderFor(root);
    }

    /** {@code <tmpdir>/orchestrate-<user>/project-locks/<first 16 hex of sha256(root)>}. */
    static Path folderFor(Path root) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "orchestrate-" + user, "project-locks",
                FileLocks.hash(root.toString()));
    }

    /**
     * Takes the project lock of {@code hash} for {@code mine}; when another run holds it, returns who,
     * as that run wrote it (or a holder that says only "another run" while it has not written yet).
     */
    Optional<LockHolder> tryTake(String hash, LockHolder mine) {
        Path file = dir.resolve(hash + ".lock");
        FileChannel channel = null;
        try {
            createFolder();
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return Optional.of(holderOf(file, mine));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(FileLocks.content(mine)), 0);
            held.put(hash, new Taken(channel, lock));
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(channel);
            throw new SessionException("cannot take the project lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Gives back the project lock of {@code hash}, if this run holds it. */
    void release(String hash) {
        Taken taken = held.remove(hash);
        if (taken != null) {
            closeQuietly(taken.channel()); // closing the channel releases its lock
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another run in this same JVM holds it (tests run several)
        }
    }

    private void createFolder() throws IOException {
        if (!Files.isDirectory(dir)) {
            Path user = dir.getParent().getParent();
            if (!Files.isDirectory(user)) {
                try {
                    Files.createDirectories(user, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(user);
                }
            }
            Files.createDirectories(dir);
        }
    }

    private static LockHolder holderOf(Path file, LockHolder mine) {
        long pid = -1;
        String task = "unknown";
        try {
            JsonNode node = Json.mapper().readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            if (node != null && node.hasNonNull("task")) {
                pid = node.path("pid").asLong(-1);
                task = node.path("task").asText();
            }
        } catch (IOException e) {
            // written as we read, or not yet: the holder is simply another run
        }
        String who = pid > 0 ? "another run (pid " + pid + ", " + task + ")" : "another run";
        return new LockHolder(who, task, mine.path(), pid, mine.acquiredAt());
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to give back
            }
        }
    }
}
