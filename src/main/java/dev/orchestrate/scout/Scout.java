package dev.orchestrate.scout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the codebase the tasks apply to (SPEC §4.1). Never fails: what it cannot look at (no
 * git, not a repository, an unreadable folder) makes a smaller context and a line in its warnings.
 */
public final class Scout {

    private static final Logger LOG = LoggerFactory.getLogger(Scout.class);

    /** How many commits the hot files are counted over, and how many are kept. */
    static final int HISTORY_COMMITS = 200;
    static final int HOT_FILES = 20;
    static final Duration GIT_LIMIT = Duration.ofSeconds(10);
    private static final int MAX_GIT_WARNINGS = 5;

    private final Path root;
    private final String gitExecutable;
    private final List<String> warnings = new ArrayList<>();

    private Scout(Path root, String gitExecutable) {
        this.root = root;
        this.gitExecutable = gitExecutable;
    }

    /** Discovers {@code root}; {@code mentionedPaths} are the paths the tasks name, relative to the root. */
    public static Context discover(Path root, Collection<String> mentionedPaths) {
        return discover(root, mentionedPaths, Clock.systemUTC());
    }

    public static Context discover(Path root, Collection<String> mentionedPaths, Clock clock) {
        return discover(root, mentionedPaths, clock, "git");
    }

    /** As {@link #discover(Path, Collection, Clock)}, with the git program to run (tests use a missing one). */
    static Context discover(Path root, Collection<String> mentionedPaths, Clock clock, String gitExecutable) {
        Objects.requireNonNull(root, "root");
        long start = System.nanoTime();
        Instant discoveredAt = clock.instant();
        Path absolute = root.toAbsolutePath().normalize();
        Scout scout = new Scout(absolute, gitExecutable);
        Context context = scout.run(discoveredAt, mentionedPaths == null ? List.of() : mentionedPaths, start);
        LOG.debug("scouted {} in {} ms: {} warnings", absolute, context.durationMs(), context.warnings().size());
        return context;
    }

    private Context run(Instant discoveredAt, Collection<String> mentionedPaths, long start) {
        Context.Vcs vcs = Context.Vcs.none();
        List<String> files = List.of();
        Set<String> tracked = null;
        List<Context.HotFile> hotFiles = List.of();
        if (!Files.isDirectory(root)) {
            warnings.add("the root " + root + " is not a folder; nothing to discover");
        } else {
            GitTree tree = gitTree();
            if (tree != null) {
                vcs = tree.vcs;
                files = tree.files;
                hotFiles = tree.hotFiles;
                tracked = tree.files == null ? null : tree.tracked;
            }
            if (tree == null || tree.files == null) {
                files = TreeWalk.list(root, warnings);
            }
        }
        ProjectLayout.Shape shape;
        try {
            shape = ProjectLayout.analyse(root, files, warnings);
        } catch (RuntimeException e) {
            // the layout is a nicety; a surprise there must not cost the run
            LOG.debug("layout analysis failed", e);
            warnings.add("project layout not analysed: " + e);
            shape = ProjectLayout.analyse(root, List.of(), warnings);
        }
        Map<String, Boolean> mentioned = new LinkedHashMap<>();
        Set<String> mentionedTracked = new HashSet<>();
        Set<String> trackedFolders = tracked == null || mentionedPaths.isEmpty() ? Set.of() : folders(tracked);
        for (String path : mentionedPaths) {
            if (path != null && !mentioned.containsKey(path)) {
                mentioned.put(path, exists(path));
                if (tracked != null && isTracked(tracked, trackedFolders, path)) {
                    mentionedTracked.add(path);
                }
            }
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return new Context(discoveredAt, durationMs, root, vcs, shape.languages(), shape.structure(), shape.patterns(),
                hotFiles, mentioned, warnings, tracked == null ? null : mentionedTracked);
    }

    /** A file git tracks, or a folder holding one. */
    private static boolean isTracked(Set<String> tracked, Set<String> folders, String path) {
        String file = path.startsWith("./") ? path.substring(2) : path;
        return tracked.contains(file) || folders.contains(file.endsWith("/") ? file.substring(0, file.length() - 1) : file);
    }

    /** Every folder that holds a tracked file. */
    private static Set<String> folders(Set<String> tracked) {
        Set<String> folders = new HashSet<>();
        for (String file : tracked) {
            for (int slash = file.lastIndexOf('/'); slash > 0 && folders.add(file.substring(0, slash));
                    slash = file.lastIndexOf('/', slash - 1)) {
                // each parent once: a folder already there has its parents there too
            }
        }
        return folders;
    }

    private boolean exists(String path) {
        try {
            return !path.isBlank() && Files.exists(root.resolve(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** What git says about the work tree; {@code files} null when git could not list them. */
    private static final class GitTree {
        Context.Vcs vcs = Context.Vcs.none();
        List<String> files;
        /** What git tracks: a run's outputs are not tracked, so the plan does not change with them. */
        final Set<String> tracked = new HashSet<>();
        List<Context.HotFile> hotFiles = List.of();
    }

    /** The git view of the root, or null when it is not in a git work tree (a warning says why). */
    private GitTree gitTree() {
        Git git = new Git(root, gitExecutable, GIT_LIMIT);
        Git.Result probe;
        try {
            probe = git.run("rev-parse", "--is-inside-work-tree", "--show-prefix");
        } catch (IOException e) {
            warnings.add("git is not available (" + e.getMessage() + "): files listed by walking the folder, no history");
            return null;
        }
        if (!probe.ok() || !probe.text().startsWith("true")) {
            String err = probe.err().strip();
            if (probe.ok() || err.contains("not a git repository")) {
                warnings.add("not a git work tree: files listed by walking the folder, no history");
            } else {
                warnings.add(probe.problem() + ": files listed by walking the folder, no history");
            }
            return null;
        }
        boolean subfolder = probe.text().lines().skip(1).anyMatch(line -> !line.isBlank());

        GitTree tree = new GitTree();
        Git.Running listing;
        Git.Running status;
        Git.Running log;
        try {
            // started together, read one after the other: git works on all three while we read the first
            listing = git.start("ls-files", "-c", "-o", "--exclude-standard", "-t", "-z");
            status = git.start("status", "--porcelain=v2", "--branch", "-uno", "-z");
            List<String> logArgs = new ArrayList<>(List.of("log", "-n", String.valueOf(HISTORY_COMMITS),
                    "--name-only", "--format=", "--no-renames", "-z"));
            if (subfolder) {
                logArgs.addAll(List.of("--relative", "--", "."));
            }
            log = git.start(logArgs.toArray(String[]::new));
        } catch (IOException e) {
            warnings.add("git stopped working (" + e.getMessage() + "): files listed by walking the folder, no history");
            return null;
        }

        boolean untracked = readListing(listing.finish(), tree);
        readStatus(status.finish(), tree, untracked);
        readLog(log.finish(), tree);
        return tree;
    }

    /** Fills the file list; returns whether any file is untracked. */
    private boolean readListing(Git.Result result, GitTree tree) {
        gitWarnings(result);
        if (!result.ok()) {
            warnings.add(result.problem() + ": files listed by walking the folder");
            return false;
        }
        List<String> entries = result.entries();
        List<String> files = new ArrayList<>(entries.size());
        boolean untracked = false;
        String previous = null;
        for (String entry : entries) {
            // "H path" (tracked), "? path" (untracked), "M path" (unmerged, once per stage)
            if (entry.length() < 3 || entry.charAt(1) != ' ') {
                continue;
            }
            String path = entry.substring(2);
            if (path.equals(previous) || path.startsWith("parallel-session") || path.contains("/parallel-session")) {
                continue;
            }
            untracked |= entry.charAt(0) == '?';
            if (entry.charAt(0) != '?') {
                tree.tracked.add(path);
            }
            files.add(path);
            previous = path;
        }
        files.sort(null);
        tree.files = files;
        return untracked;
    }

    private void readStatus(Git.Result result, GitTree tree, boolean untracked) {
        gitWarnings(result);
        if (!result.ok()) {
            warnings.add(result.problem() + ": branch and commit unknown");
            return;
        }
        String branch = null;
        String commit = null;
        boolean changed = false;
        for (String entry : result.entries()) {
            if (entry.startsWith("# branch.oid ")) {
                String oid = entry.substring("# branch.oid ".length());
                commit = oid.equals("(initial)") ? null : oid;
            } else if (entry.startsWith("# branch.head ")) {
                String head = entry.substring("# branch.head ".length());
                branch = head.equals("(detached)") ? null : head;
            } else if (!entry.startsWith("#")) {
                changed = true;
            }
        }
        tree.vcs = new Context.Vcs(branch, commit, changed || untracked);
    }

    private void readLog(Git.Result result, GitTree tree) {
        if (!result.ok()) {
            if (tree.vcs.commit() != null) {
                gitWarnings(result);
                warnings.add(result.problem() + ": no hot files");
            }
            return;
        }
        gitWarnings(result);
        Tally changes = new Tally();
        for (String path : result.entries()) {
            changes.add(path);
        }
        List<Context.HotFile> hot = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : changes.sorted().entrySet()) {
            if (hot.size() == HOT_FILES) {
                break;
            }
            // a file deleted (or untracked and ignored) since is history, not a place tasks will touch
            if (listed(tree.files, entry.getKey())) {
                hot.add(new Context.HotFile(entry.getKey(), entry.getValue()));
            }
        }
        tree.hotFiles = hot;
    }

    /** Whether the sorted listing holds {@code path}; without a listing, whether the file is there. */
    private boolean listed(List<String> files, String path) {
        return files == null ? exists(path) : Collections.binarySearch(files, path) >= 0;
    }

    /** What git warned about while succeeding (an unreadable folder, say) is worth a line. */
    private void gitWarnings(Git.Result result) {
        result.err().lines()
                .filter(line -> line.startsWith("warning:") || line.startsWith("error:"))
                .limit(MAX_GIT_WARNINGS)
                .forEach(line -> warnings.add("git " + result.args().get(0) + ": " + line));
    }
}
