package dev.orchestrate.run.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files an agent changed outside the ones its task declared, from {@code git status} before
 * and after the attempt. Each snapshot records every path git reports as changed or untracked with
 * a fingerprint of its content, so a file that was already dirty and changed again is caught too.
 * Paths are relative to the project root, with {@code /}. Outside a git work tree (or without git)
 * snapshots are empty and nothing is reported.
 *
 * <p>Other tasks running at the same time change files too: a snapshot cannot tell whose change a
 * file is, so pass the files those tasks declared along with this task's own.
 */
public final class ChangedFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ChangedFiles.class);

    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);
    /** Larger files are fingerprinted by size and modification time instead of content. */
    private static final long HASH_LIMIT = 64L * 1024 * 1024;

    private final Path root;
    private final Duration timeLimit;
    private final List<Path> excluded;
    private volatile Optional<Path> topLevel;

    /**
     * A set of changed paths with fingerprints.
     *
     * @param gitTree whether git answered for the root
     * @param entries project-root-relative path → git status letters and content fingerprint
     */
    public record Snapshot(boolean gitTree, Map<String, String> entries) {

        public static final Snapshot NOT_GIT = new Snapshot(false, Map.of());

        public Snapshot {
            entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        }
    }

    /**
     * @param root         the project root tasks' paths are relative to
     * @param excludedDirs folders whose changes are never reported (the session folder)
     */
    public ChangedFiles(Path root, Duration timeLimit, Collection<Path> excludedDirs) {
        this.root = realPath(Objects.requireNonNull(root, "root"));
        this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
        this.excluded = excludedDirs.stream().map(ChangedFiles::realPath).toList();
    }

    public ChangedFiles(Path root) {
        this(root, DEFAULT_TIME_LIMIT, List.of());
    }

    /** The paths git reports as changed or untracked now, with fingerprints; {@link Snapshot#NOT_GIT} outside git. */
    public Snapshot snapshot() {
        Optional<Path> top = topLevel();
        if (top.isEmpty()) {
            return Snapshot.NOT_GIT;
        }
        Optional<byte[]> status = git("status", "--porcelain=v1", "-z", "--untracked-files=all");
        if (status.isEmpty()) {
            return Snapshot.NOT_GIT;
        }
        Map<String, String> entries = new TreeMap<>();
        List<String> records = splitNul(new String(status.get(), StandardCharsets.UTF_8));
        for (int i = 0; i < records.size(); i++) {
            String record = records.get(i);
            if (record.length() < 4) {
                continue;
            }
            String letters = record.substring(0, 2);
            add(entries, top.get(), record.substring(3), letters);
            if (letters.indexOf('R') >= 0 || letters.indexOf('C') >= 0) {
                // a rename or copy is followed by the path it came from
                if (++i < records.size()) {
                    add(entries, top.get(), records.get(i), letters + "<");
                }
            }
        }
        return new Snapshot(true, entries);
    }

    /** The paths whose status or content differs between the two snapshots, sorted. */
    public static List<String> changed(Snapshot before, Snapshot after) {
        TreeSet<String> paths = new TreeSet<>(before.entries().keySet());
        paths.addAll(after.entries().keySet());
        List<String> changed = new ArrayList<>();
        for (String path : paths) {
            if (!Objects.equals(before.entries().get(path), after.entries().get(path))) {
                changed.add(path);
            }
        }
        return changed;
    }

    /**
     * The paths changed between the snapshots that no declared path covers; a declared directory
     * covers everything under it, a glob (with {@code *}, {@code ?}, {@code [..]} or {@code {..}}) every path it matches.
     *
     * @param declared paths relative to the project root, as the task file names them
     */
    public static List<String> outsideDeclared(Snapshot before, Snapshot after, Collection<String> declared) {
        if (!before.gitTree() || !after.gitTree()) {
            return List.of(); // a snapshot git could not take says nothing about what changed
        }
        return notCovered(changed(before, after), declared);
    }

    /** The paths of {@code changed} that no declared path covers (as {@link #outsideDeclared} says). */
    public static List<String> notCovered(List<String> changed, Collection<String> declared) {
        List<String> covers = new ArrayList<>();
        List<PathMatcher> globs = new ArrayList<>();
        for (String path : declared) {
            String normal = normalise(path);
            if (normal.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                try {
                    globs.add(FileSystems.getDefault().getPathMatcher("glob:" + normal));
                    if (normal.contains("**/")) {
                        // a/**/*.ts covers a/x.ts too, as in git and most build tools
                        globs.add(FileSystems.getDefault().getPathMatcher("glob:" + normal.replace("**/", "")));
                    }
                } catch (IllegalArgumentException e) {
                    LOG.debug("declared path {} is not a glob: {}", path, e.getMessage());
                }
            }
            covers.add(normal);
        }
        List<String> outside = new ArrayList<>();
        for (String path : changed) {
            boolean covered = covers.stream().anyMatch(d -> d.isEmpty() || path.equals(d) || path.startsWith(d + "/"))
                    || globs.stream().anyMatch(glob -> glob.matches(Path.of(path)));
            if (!covered) {
                outside.add(path);
            }
        }
        return outside;
    }

    /** {@code ./src\\a.ts/} → {@code src/a.ts}. */
    static String normalise(String path) {
        String slashes = path.strip().replace('\\', '/');
        String normal = Path.of(slashes.isEmpty() ? "." : slashes).normalize().toString().replace('\\', '/');
        if (normal.equals(".")) {
            return "";
        }
        while (normal.endsWith("/")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return normal;
    }

    private void add(Map<String, String> entries, Path top, String gitPath, String letters) {
        Path absolute = top.resolve(gitPath).normalize();
        if (excluded.stream().anyMatch(absolute::startsWith)) {
            return;
        }
        String relative = root.relativize(absolute).toString().replace('\\', '/');
        entries.put(relative, letters + " " + fingerprint(absolute));
    }

    private Optional<Path> topLevel() {
        if (topLevel == null) {
            topLevel = git("rev-parse", "--show-toplevel")
                    .map(out -> new String(out, StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty())
                    .map(s -> realPath(Path.of(s)));
            if (topLevel.isEmpty()) {
                LOG.debug("{} is not in a git work tree: changed files are not checked", root);
            }
        }
        return topLevel;
    }

    /** Runs git in the root with a time limit; its stdout, or empty when it failed, timed out or is missing. */
    private Optional<byte[]> git(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.addAll(List.of(args));
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("orchestrate-git", ".out");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(root.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            // status must not take .git/index.lock: agents may be running git at the same time
            builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
            process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("{} took more than {} in {}: stopped", argv, timeLimit, root);
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                LOG.debug("{} exited {} in {}", argv, process.exitValue(), root);
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(out));
        } catch (IOException e) {
            LOG.debug("cannot run {} in {}: {}", argv, root, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            return Optional.empty();
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", out, e.getMessage());
                }
            }
        }
    }

    private static String fingerprint(Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                return "link:" + Files.readSymbolicLink(file);
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return "absent";
            }
            if (Files.isDirectory(file)) {
                return "dir";
            }
            long size = Files.size(file);
            if (size > HASH_LIMIT) {
                return size + "@" + Files.getLastModifiedTime(file).toMillis();
            }
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                }
            }
            return size + ":" + Long.toHexString(crc.getValue());
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static List<String> splitNul(String text) {
        List<String> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                records.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            records.add(text.substring(start));
        }
        return records;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
