package dev.orchestrate.report;

import dev.orchestrate.session.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * A file the user names for a report ({@code --junit FILE}): checked before the run, written at
 * the end. A regular file (or a symbolic link to one, which stays a link) is replaced through a
 * temp file and a rename, so it is never left half-written; a character device
 * ({@code /dev/null}, {@code /dev/stdout}) is written in place, never replaced; anything else —
 * a folder, a FIFO, a socket, a missing or unwritable parent folder — is refused.
 */
public final class OutputPath {

    private OutputPath() {
    }

    /** Why {@code file} cannot take a report, if it cannot; checked before the run starts. */
    public static Optional<String> refusal(Path file) {
        Path target = resolved(file);
        if (Files.isDirectory(target)) {
            return Optional.of("is a folder, not a file");
        }
        if (Files.exists(target)) {
            if (isCharacterDevice(target)) {
                return Files.isWritable(target) ? Optional.empty() : Optional.of("cannot be written (no permission)");
            }
            if (!Files.isRegularFile(target)) {
                return Optional.of("is not a regular file (a FIFO or a socket)");
            }
            if (!Files.isWritable(target) || !ownerMayWrite(target)) {
                return Optional.of("cannot be written (no permission)");
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return Optional.of("its folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            return Optional.of("its folder " + parent + " cannot be written");
        }
        return Optional.empty();
    }

    /** Writes {@code bytes} to {@code file}: in place for a device, else temp file + rename beside the real target. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = resolved(file);
        if (Files.exists(target) && isCharacterDevice(target)) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            return;
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new IOException(file + " is not a regular file");
        }
        Json.writeAtomically(target.toAbsolutePath(), bytes);
    }

    /** A symbolic link is followed (to its final target, which need not exist yet): the link itself stays. */
    private static Path resolved(Path file) {
        Path path = file.toAbsolutePath();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(path); hops++) {
            try {
                path = path.resolveSibling(Files.readSymbolicLink(path)).normalize();
            } catch (IOException e) {
                return path;
            }
        }
        return path;
    }

    private static boolean isCharacterDevice(Path path) {
        try {
            Object other = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return other instanceof Integer mode && (mode & 0170000) == 0020000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Even root does not replace a file whose owner has no write permission: the user made it read-only. */
    static boolean ownerMayWrite(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.OWNER_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }
}
