package dev.orchestrate.scout;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Lists the files of a folder that is not a git work tree, skipping build output and tool folders. */
final class TreeWalk {

    /** Folders never worth listing: version control, build output, dependencies, our own session folders. */
    static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", "build", "dist", ".tmp",
            ".gradle", ".venv", "__pycache__", ".pytest_cache", ".next", ".hg", ".svn");

    static final int MAX_FILES = 2_000_000;
    static final long MAX_NANOS = 20_000_000_000L;
    private static final int MAX_UNREADABLE_WARNINGS = 5;

    private TreeWalk() {
    }

    static boolean skipped(String name) {
        return SKIPPED.contains(name) || name.startsWith("parallel-session");
    }

    /** The files under {@code root}, relative and '/'-separated; what cannot be read becomes a warning. */
    static List<String> list(Path root, List<String> warnings) {
        List<String> files = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long deadline = System.nanoTime() + MAX_NANOS;
        boolean[] cut = new boolean[1];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && skipped(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isDirectory()) {
                        files.add(relative(root, file));
                    }
                    if ((files.size() & 1023) == 0 && (files.size() >= MAX_FILES || System.nanoTime() > deadline)) {
                        cut[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!file.equals(root)) {
                        unreadable.add(relative(root, file) + (e instanceof AccessDeniedException ? " (permission denied)"
                                : " (" + e.getClass().getSimpleName() + ")"));
                    } else {
                        warnings.add("cannot read the root folder " + root + ": " + e.getClass().getSimpleName());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            warnings.add("listing stopped early: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (cut[0]) {
            warnings.add("listing stopped after " + files.size() + " files: the folder is too big to walk without git");
        }
        for (int i = 0; i < unreadable.size() && i < MAX_UNREADABLE_WARNINGS; i++) {
            warnings.add("cannot read " + unreadable.get(i) + "; its files are not counted");
        }
        if (unreadable.size() > MAX_UNREADABLE_WARNINGS) {
            warnings.add((unreadable.size() - MAX_UNREADABLE_WARNINGS) + " more folders could not be read");
        }
        files.sort(null);
        return files;
    }

    private static String relative(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return File.separatorChar == '/' ? relative : relative.replace(File.separatorChar, '/');
    }
}
