package dev.orchestrate.worktree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's isolation in git (issue 14): the integration branch {@code orchestrate/<session>},
 * started at HEAD; one worktree and branch per attempt, created from the integration tip; and the
 * one merge queue that takes each finished attempt's commit onto the integration branch, one at a
 * time, in the order they arrive.
 *
 * <p>The user's working tree, index and current branch are never touched (except by {@link #apply()},
 * which the user asks for). Worktrees live in {@code <git dir>/orchestrate-worktrees/<session>/},
 * outside the working tree; the folder of a live run is held by a lock on its {@code .owner} file,
 * so the next run can tell a live run's worktrees from those of a run that ended or was killed, and
 * cleans the latter.
 *
 * <p>Merging needs no checkout: {@code git merge-tree --write-tree} (git ≥ 2.38) merges the attempt's
 * commit with the tip in memory and names the conflicting paths; {@code commit-tree} makes the one
 * commit of the task on the tip, and {@code update-ref} moves the branch only if the tip is still
 * the one merged with. Methods may be called from any worker thread.
 */
public final class Integration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Integration.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    static final String FOLDER = "orchestrate-worktrees";
    private static final String OWNER = ".owner";
    private static final String BASE_SUFFIX = ".base";
    private static final String CHECK_WORKTREE = "integration";
    private static final String TRASH = ".removed";
    /** The identity of orchestrate's commits when the user's git config has none. */
    static final Map<String, String> FALLBACK_IDENTITY = Map.of(
            "GIT_AUTHOR_NAME", "orchestrate", "GIT_AUTHOR_EMAIL", "orchestrate@localhost",
            "GIT_COMMITTER_NAME", "orchestrate", "GIT_COMMITTER_EMAIL", "orchestrate@localhost");

    /**
     * An earlier run's integration branch that this run continues ({@code --resume}): its branch
     * starts at that branch's tip, which holds the completed tasks' merged changes.
     *
     * @param branch the earlier run's integration branch
     * @param base   the commit that run's work started from (the user's HEAD then)
     */
    public record Continuation(String branch, String base) {
        public Continuation {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(base, "base");
        }
    }

    /** A worktree left in place for the user to look at. */
    public record Kept(String taskId, int attempt, Path dir, String branch, String reason) {
    }

    /** A commit of the integration branch. */
    public record Commit(String oid, String subject) {
        public String shortOid() {
            return oid.substring(0, Math.min(7, oid.length()));
        }
    }

    private final Repository repo;
    private final Path topLevel;
    private final Path relativeRoot;
    private final String sessionId;
    private final String branch;
    private final String base;
    private final String start;
    private final Optional<Continuation> continued;
    private final Path folder;
    private final FileChannel ownerChannel;
    private final FileLock ownerLock;
    private final List<String> includes;
    private final Optional<String> dirty;
    private final List<String> cleaned;
    private final ReentrantLock queue = new ReentrantLock(true); // fair: merges in the order attempts arrive
    // git worktree add/remove read every worktree's admin folder: two at once can see one half made
    private final Object worktreeAdmin = new Object();
    private final List<Kept> kept = Collections.synchronizedList(new ArrayList<>());
    private Path checkWorktree; // guarded by queue
    private final ExecutorService janitor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "orchestrate-worktree-removal");
        thread.setDaemon(true);
        return thread;
    });

    private Integration(Repository repo, Path topLevel, Path relativeRoot, String sessionId, String base, String start,
                        Optional<Continuation> continued, Path folder, FileChannel ownerChannel, FileLock ownerLock,
                        List<String> includes, Optional<String> dirty, List<String> cleaned) {
        this.repo = repo;
        this.topLevel = topLevel;
        this.relativeRoot = relativeRoot;
        this.sessionId = sessionId;
        this.branch = "orchestrate/" + sessionId;
        this.base = base;
        this.start = start;
        this.continued = continued;
        this.folder = folder;
        this.ownerChannel = ownerChannel;
        this.ownerLock = ownerLock;
        this.includes = List.copyOf(includes);
        this.dirty = dirty;
        this.cleaned = List.copyOf(cleaned);
    }

    /**
     * Starts isolation for a run on the project at {@code root}: cleans what earlier runs left
     * behind, then creates the integration branch at HEAD.
     *
     * @param excluded folders whose files never count as uncommitted changes (the session folder)
     * @throws GitException when {@code root} is not in a git work tree with a commit, or git is too old
     */
    public static Integration open(Path root, Instant now, List<Path> excluded) {
        return open(root, now, excluded, Optional.empty());
    }

    /**
     * Like {@link #open(Path, Instant, List)}; with a continuation, the integration branch starts at
     * the earlier run's tip instead of HEAD, and its commits and {@link #apply()} count from where
     * that run started.
     *
     * @throws GitException also when the earlier run's integration branch no longer exists
     */
    public static Integration open(Path root, Instant now, List<Path> excluded, Optional<Continuation> continued) {
        Path absolute = root.toAbsolutePath().normalize();
        Repository probe = new Repository(absolute, Map.of());
        Repository.Result inside = probe.run("rev-parse", "--is-inside-work-tree");
        if (!inside.ok() || !inside.out().strip().equals("true")) {
            throw new GitException("--isolation worktree needs a git work tree, and " + absolute + " is not in one");
        }
        requireMergeTree(probe);
        Path topLevel = realPath(Path.of(probe.line("rev-parse", "--show-toplevel")));
        Path commonDir = realPath(absolute.resolve(probe.line("rev-parse", "--git-common-dir")));
        Repository.Result head = probe.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        if (!head.ok()) {
            throw new GitException("--isolation worktree needs a commit to start from, and " + topLevel + " has none yet");
        }
        Repository repo = new Repository(topLevel, identity(probe));
        Path relativeRoot = topLevel.relativize(realPath(absolute));
        Path worktrees = commonDir.resolve(FOLDER);
        List<String> cleaned = cleanOrphans(repo, worktrees);
        String base = head.out().strip();
        String start = base;
        if (continued.isPresent()) {
            Continuation from = continued.get();
            Repository.Result tip = repo.run("rev-parse", "--verify", "--quiet", "refs/heads/" + from.branch() + "^{commit}");
            if (!tip.ok()) {
                throw new GitException("--resume: the earlier run's integration branch " + from.branch()
                        + " no longer exists, and with it the changes of the tasks it completed; run without --resume to redo them");
            }
            start = tip.out().strip();
            Repository.Result earlierBase = repo.run("merge-base", "--is-ancestor", from.base(), start);
            base = earlierBase.ok() ? from.base() : repo.line("merge-base", base, start);
        }

        String sessionId = STAMP.format(now);
        for (int n = 2; refExists(repo, "refs/heads/orchestrate/" + sessionId) || Files.exists(worktrees.resolve(sessionId)); n++) {
            sessionId = STAMP.format(now) + "-" + n;
        }
        Path folder = worktrees.resolve(sessionId);
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(folder.resolve(OWNER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new GitException("another run holds " + folder);
            }
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"));
            repo.output("update-ref", "-m", "orchestrate: integration branch of session " + sessionId,
                    "refs/heads/orchestrate/" + sessionId, start, "");
            return new Integration(repo, topLevel, relativeRoot, sessionId, base, start, continued, folder, channel, lock,
                    includes(repo, topLevel), dirty(repo, topLevel, excluded), cleaned);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new GitException("cannot create " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public String sessionId() {
        return sessionId;
    }

    /** {@code orchestrate/<session>}. */
    public String branch() {
        return branch;
    }

    /**
     * The commit the integration branch's work starts from: HEAD when the run started, or, when it
     * continues an earlier run, HEAD when that one started.
     */
    public String base() {
        return base;
    }

    /** The commit the integration branch started at: {@link #base()}, or the tip of the branch it continues. */
    public String start() {
        return start;
    }

    /** The earlier run's integration branch this run continues, if any. */
    public Optional<Continuation> continued() {
        return continued;
    }

    /** One line when the user's tree had uncommitted changes, which the tasks do not see. */
    public Optional<String> dirtyNote() {
        return dirty;
    }

    /** What was cleaned of earlier runs, one entry per worktree (empty: nothing to clean). */
    public List<String> cleaned() {
        return cleaned;
    }

    /** The folder holding this run's worktrees. */
    public Path folder() {
        return folder;
    }

    /** The worktrees kept so far (failed or stopped attempts). */
    public List<Kept> kept() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    // ---- worktrees ---------------------------------------------------------------------------

    /**
     * A new worktree for an attempt, on a new branch at the integration tip, with the
     * {@code .worktreeinclude} files copied in.
     */
    public Worktree create(String taskId, int attempt) {
        String name = refSafe(taskId) + "-" + attempt;
        Path dir = folder.resolve(name);
        String attemptBranch = branch + "-" + name;
        String tip = tip();
        synchronized (worktreeAdmin) {
            if (Files.exists(dir)) {
                remove(dir, attemptBranch);
            }
            repo.output("worktree", "add", "--quiet", "-B", attemptBranch, dir.toString(), tip);
        }
        try {
            Files.writeString(folder.resolve(name + BASE_SUFFIX), tip + "\n");
            copyIncludes(dir);
            Path root = dir.resolve(relativeRoot.toString());
            Files.createDirectories(root);
            return new Worktree(taskId, attempt, dir, root, attemptBranch, tip);
        } catch (IOException e) {
            throw new GitException("cannot prepare worktree " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Commits everything the attempt changed (git-ignored files aside) on its branch; message: {@code T001: title}. */
    public Change commit(Worktree worktree, String message) {
        // as few git processes as it takes: each costs milliseconds, and every task pays them
        Repository in = repo.in(worktree.dir());
        in.output("add", "--all");
        List<String> paths = new ArrayList<>();
        for (String path : splitNul(in.output("diff", "--cached", "--no-renames", "--name-only", "-z", worktree.base()))) {
            paths.add(projectRelative(path));
        }
        if (paths.isEmpty()) {
            return new Change(worktree, Optional.empty(), List.of());
        }
        Collections.sort(paths);
        String tree = in.line("write-tree");
        String commit = in.line("commit-tree", "--no-gpg-sign", "-p", worktree.base(), "-m", message, tree);
        return new Change(worktree, Optional.of(commit), paths, Optional.of(tree));
    }

    /**
     * Merges the change into the integration branch, waiting for its turn in the one queue; then,
     * with a check, runs it on a checkout of the new tip and puts the branch back when it fails.
     *
     * @param message the integration commit's message, {@code T001: title}
     */
    public MergeResult merge(Change change, String message, Optional<MergeCheck> check) {
        if (change.unchanged()) {
            return new MergeResult.Unchanged();
        }
        try {
            queue.lockInterruptibly();
        } catch (InterruptedException e) {
            return new MergeResult.Stopped();
        }
        try {
            String commit = change.commit().orElseThrow();
            String tip = tip();
            String tree;
            if (tip.equals(change.worktree().base())) {
                tree = change.tree().orElseGet(() -> repo.line("rev-parse", commit + "^{tree}"));
            } else {
                Repository.Result merged = repo.run("merge-tree", "--write-tree", "-z", "--name-only", tip, commit);
                List<String> out = splitNul(merged.out());
                if (merged.exitCode() == 1) {
                    LinkedHashSet<String> paths = new LinkedHashSet<>();
                    for (int i = 1; i < out.size() && !out.get(i).isEmpty(); i++) {
                        paths.add(projectRelative(out.get(i)));
                    }
                    return new MergeResult.Conflicted(List.copyOf(paths));
                }
                if (!merged.ok() || out.isEmpty()) {
                    throw Repository.failure(List.of("merge-tree", "--write-tree", tip, commit), merged);
                }
                tree = out.get(0);
            }
            if (!tip.equals(change.worktree().base()) && tree.equals(repo.line("rev-parse", tip + "^{tree}"))) {
                return new MergeResult.Unchanged();
            }
            String merged = repo.line("commit-tree", "--no-gpg-sign", "-p", tip, "-m", message, tree);
            repo.output("update-ref", "-m", "orchestrate: " + firstLine(message), "refs/heads/" + branch, merged, tip);
            if (check.isPresent()) {
                Optional<String> broken = runCheck(check.get(), merged);
                if (broken.isPresent()) {
                    repo.output("update-ref", "-m", "orchestrate: put back, the merged tip failed its check",
                            "refs/heads/" + branch, tip, merged);
                    return new MergeResult.Broken(broken.get());
                }
            }
            return new MergeResult.Merged(merged);
        } finally {
            queue.unlock();
        }
    }

    /**
     * Removes an attempt's worktree and its branch: its change is merged, or there was none. The
     * folder is moved aside at once and deleted in the background, off the path of the task's
     * dependents; {@link #close()} waits for it.
     */
    public void remove(Worktree worktree) {
        deleteQuietly(folder.resolve(worktree.dir().getFileName() + BASE_SUFFIX));
        Path trash = folder.resolve(TRASH).resolve(worktree.dir().getFileName());
        try {
            Files.createDirectories(trash.getParent());
            Files.move(worktree.dir(), trash); // a rename: its admin folder goes with the next prune
        } catch (IOException e) {
            LOG.debug("cannot move {} aside: {}", worktree.dir(), e.getMessage());
            remove(worktree.dir(), worktree.branch());
            return;
        }
        Runnable removal = () -> {
            try {
                // the branch first: while its folder is in .removed, the next run knows to delete the branch
                repo.run("update-ref", "-d", "refs/heads/" + worktree.branch());
                deleteTree(trash);
                synchronized (worktreeAdmin) {
                    repo.run("worktree", "prune");
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot remove {}: {}", trash, e.getMessage()); // the next run's clean-up takes it
            }
        };
        try {
            janitor.execute(removal);
        } catch (RejectedExecutionException e) {
            removal.run(); // after close(): nobody waits for it any more
        }
    }

    /** Leaves a failed or stopped attempt's worktree in place, to be named in the summary. */
    public void keep(Worktree worktree, String reason) {
        kept.add(new Kept(worktree.taskId(), worktree.attempt(), worktree.dir(), worktree.branch(), reason));
    }

    /**
     * Keeps a committed attempt that was not merged (conflict, broken tip, stopped): its commit is
     * put on its branch first, so the branch the summary names holds the attempt's work.
     */
    public void keep(Change change, String reason) {
        change.commit().ifPresent(commit -> {
            Repository.Result moved = repo.run("update-ref", "refs/heads/" + change.worktree().branch(), commit);
            if (!moved.ok()) {
                LOG.warn("cannot put {} on {}: {}", commit, change.worktree().branch(), moved.err().strip());
            }
        });
        keep(change.worktree(), reason);
    }

    // ---- the end -----------------------------------------------------------------------------

    /** The integration branch's tip now. */
    public String tip() {
        return repo.line("rev-parse", "refs/heads/" + branch);
    }

    /** The commits on the integration branch since it started, oldest first: one per merged task. */
    public List<Commit> commits() {
        List<Commit> commits = new ArrayList<>();
        for (String line : repo.output("log", "--reverse", "--format=%H%x09%s", base + ".." + "refs/heads/" + branch).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                commits.add(new Commit(line.substring(0, tab), line.substring(tab + 1)));
            }
        }
        return commits;
    }

    /**
     * {@code --apply}: fast-forwards the user's current branch to the integration tip, when it still
     * is where the run started and its tree has no uncommitted changes.
     *
     * @return the one line saying what happened, or why not
     */
    public String apply() {
        Repository.Result symbolic = repo.run("symbolic-ref", "--quiet", "--short", "HEAD");
        if (!symbolic.ok()) {
            return "Not applied: HEAD is detached; take it with git merge " + branch;
        }
        String current = symbolic.out().strip();
        String head = repo.line("rev-parse", "HEAD");
        String tip = tip();
        if (tip.equals(base)) {
            return "Nothing to apply: " + branch + " has no new commits";
        }
        if (!head.equals(base)) {
            return "Not applied: " + current + " moved during the run (" + head.substring(0, 7) + ", was "
                    + base.substring(0, 7) + "); take it with git merge " + branch;
        }
        if (!repo.output("status", "--porcelain", "--untracked-files=no").isBlank()) {
            return "Not applied: the working tree has uncommitted changes; commit or stash them, then git merge --ff-only " + branch;
        }
        Repository.Result merged = repo.run("merge", "--ff-only", "--quiet", "refs/heads/" + branch);
        if (!merged.ok()) {
            return "Not applied: " + Repository.failure(List.of("merge", "--ff-only", branch), merged).getMessage();
        }
        return "Applied: " + current + " fast-forwarded to " + tip.substring(0, 7) + " (" + commits().size() + " commits)";
    }

    /** Releases the run's hold on its worktree folder; the worktrees it kept stay until the next run cleans them. */
    @Override
    public void close() {
        janitor.shutdown();
        try {
            if (!janitor.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("worktrees still being removed; the next run cleans what is left");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.lock();
        try {
            if (checkWorktree != null) {
                remove(checkWorktree, null);
                checkWorktree = null;
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot remove the check worktree: {}", e.getMessage());
        } finally {
            queue.unlock();
        }
        try {
            ownerLock.release();
        } catch (IOException e) {
            LOG.debug("cannot release {}", folder.resolve(OWNER), e);
        }
        closeQuietly(ownerChannel);
        deleteQuietly(folder.resolve(TRASH)); // empty once the removals are done
        if (kept().isEmpty()) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(folder)) {
                boolean empty = true;
                for (Path path : left) {
                    if (!path.getFileName().toString().equals(OWNER)) {
                        empty = false;
                    }
                }
                if (empty) {
                    deleteQuietly(folder.resolve(OWNER));
                    deleteQuietly(folder);
                }
            } catch (IOException e) {
                LOG.debug("cannot list {}", folder, e);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Optional<String> runCheck(MergeCheck check, String commit) {
        try {
            if (checkWorktree == null) {
                checkWorktree = folder.resolve(CHECK_WORKTREE);
                if (Files.exists(checkWorktree)) {
                    remove(checkWorktree, null);
                }
                synchronized (worktreeAdmin) {
                    repo.output("worktree", "add", "--quiet", "--detach", checkWorktree.toString(), commit);
                }
                copyIncludes(checkWorktree);
            } else {
                Repository in = repo.in(checkWorktree);
                in.output("checkout", "--quiet", "--force", "--detach", commit);
                in.output("clean", "-d", "--force", "--quiet");
            }
            Path root = checkWorktree.resolve(relativeRoot.toString());
            Files.createDirectories(root);
            return check.check(root);
        } catch (InterruptedException e) {
            return Optional.of("stopped while checking the merged tip");
        } catch (IOException e) {
            return Optional.of("cannot check the merged tip: " + e.getMessage());
        }
    }

    private void remove(Path dir, String attemptBranch) {
        synchronized (worktreeAdmin) {
            Repository.Result removed = repo.run("worktree", "remove", "--force", "--force", dir.toString());
            if (!removed.ok()) {
                LOG.debug("git worktree remove {}: {}", dir, removed.err().strip());
                deleteTree(dir);
                repo.run("worktree", "prune");
            }
        }
        if (attemptBranch != null) {
            repo.run("update-ref", "-d", "refs/heads/" + attemptBranch);
        }
    }

    private void copyIncludes(Path dir) throws IOException {
        for (String path : includes) {
            Path from = topLevel.resolve(path);
            Path to = dir.resolve(path);
            if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
        }
    }

    private String projectRelative(String topLevelPath) {
        if (relativeRoot.toString().isEmpty()) {
            return topLevelPath;
        }
        return relativeRoot.relativize(Path.of(topLevelPath)).toString().replace('\\', '/');
    }

    /** The untracked files the {@code .worktreeinclude} patterns (gitignore syntax) match, git-ignored ones included. */
    private static List<String> includes(Repository repo, Path topLevel) {
        Path file = topLevel.resolve(".worktreeinclude");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        // only git-ignored ones (Claude Code's rule too): a copied file git does not ignore would be committed with the task
        List<String> listed = splitNul(repo.output("ls-files", "-z", "--others", "--ignored", "--exclude-from=" + file));
        if (listed.isEmpty()) {
            return listed;
        }
        java.util.Set<String> ignored = new java.util.HashSet<>(splitNul(
                repo.output("ls-files", "-z", "--others", "--ignored", "--exclude-standard")));
        List<String> skipped = listed.stream().filter(path -> !ignored.contains(path)).toList();
        if (!skipped.isEmpty()) {
            LOG.warn(".worktreeinclude: not copying {}: git does not ignore them, so a task's commit would take them along", skipped);
        }
        return listed.stream().filter(ignored::contains).toList();
    }

    private static Optional<String> dirty(Repository repo, Path topLevel, List<Path> excluded) {
        // untracked files stay behind as well, but old session folders and build output are no news
        List<String> records = splitNul(repo.output("status", "--porcelain=v1", "-z", "--untracked-files=no"));
        int changed = 0;
        for (int i = 0; i < records.size(); i++) {
            String record = records.get(i);
            if (record.length() < 4) {
                continue;
            }
            if (record.charAt(0) == 'R' || record.charAt(0) == 'C') {
                i++; // followed by the path it came from
            }
            Path path = topLevel.resolve(record.substring(3));
            if (excluded.stream().map(Integration::realPath).noneMatch(ex -> path.startsWith(ex) || ex.startsWith(path))) {
                changed++;
            }
        }
        return changed == 0 ? Optional.empty()
                : Optional.of("Note: the working tree has " + changed + " uncommitted change" + (changed == 1 ? "" : "s")
                        + "; they stay there, and the tasks start from HEAD without them");
    }

    /** The user's name and e-mail from git config, else orchestrate's own. */
    private static Map<String, String> identity(Repository probe) {
        boolean named = probe.run("config", "user.name").ok() && probe.run("config", "user.email").ok();
        return named ? Map.of() : FALLBACK_IDENTITY;
    }

    private static void requireMergeTree(Repository probe) {
        String version = probe.run("version").out().strip(); // git version 2.39.5
        String[] parts = version.replaceFirst("^git version ", "").split("[.\\s]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major < 2 || major == 2 && minor < 38) {
                throw new GitException("--isolation worktree needs git 2.38 or later (git merge-tree --write-tree); this is " + version);
            }
        } catch (NumberFormatException e) {
            LOG.debug("cannot read the git version from '{}'", version);
        }
    }

    /**
     * Removes the worktrees of earlier runs that no live run holds (ended, interrupted, killed):
     * work left uncommitted in one is first committed on its branch, which is then kept; a branch
     * with nothing of its own is deleted. Then {@code git worktree prune}.
     */
    private static List<String> cleanOrphans(Repository repo, Path worktrees) {
        List<String> cleaned = new ArrayList<>();
        if (Files.isDirectory(worktrees)) {
            removeStaleRefLocks(worktrees);
            try (DirectoryStream<Path> sessions = Files.newDirectoryStream(worktrees)) {
                for (Path session : sessions) {
                    if (Files.isDirectory(session) && !held(session.resolve(OWNER))) {
                        try {
                            cleanSession(repo, session, cleaned);
                        } catch (IOException | RuntimeException e) {
                            LOG.warn("cannot clean {}: {}", session, e.getMessage());
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot list {}: {}", worktrees, e.getMessage());
            }
        }
        repo.run("worktree", "prune");
        return cleaned;
    }

    private static void cleanSession(Repository repo, Path session, List<String> cleaned) throws IOException {
        String sessionId = session.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(session)) {
            for (Path dir : entries) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                String name = dir.getFileName().toString();
                if (name.equals(TRASH)) {
                    emptyTrash(repo, sessionId, dir);
                    continue;
                }
                String attemptBranch = "orchestrate/" + sessionId + "-" + name;
                boolean isAttempt = !name.equals(CHECK_WORKTREE) && refExists(repo, "refs/heads/" + attemptBranch);
                String saved = null;
                if (isAttempt && Files.exists(dir.resolve(".git"))) {
                    saved = saveLeftovers(repo.in(dir), attemptBranch, name, session.resolve(name + BASE_SUFFIX));
                }
                Repository.Result removed = repo.run("worktree", "remove", "--force", "--force", dir.toString());
                if (!removed.ok()) {
                    deleteTree(dir);
                }
                if (isAttempt && saved == null) {
                    repo.run("update-ref", "-d", "refs/heads/" + attemptBranch);
                }
                cleaned.add(saved == null ? dir.toString() : dir + " (its work kept on branch " + attemptBranch + ")");
            }
        }
        deleteTree(session);
    }

    /**
     * The lock files a git command of a killed run left on that run's branches ({@code
     * refs/heads/orchestrate/<session>.lock}, {@code <session>-T001-1.lock}): git never removes them,
     * and they would stop every later update of those branches. A lock is taken as its run's when
     * that run's session folder is the longest one its name starts with, and removed when no live
     * run holds that folder.
     */
    private static void removeStaleRefLocks(Path worktrees) {
        Path refs = worktrees.getParent().resolve("refs/heads/orchestrate");
        if (!Files.isDirectory(refs)) {
            return;
        }
        List<String> sessions = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(worktrees, Files::isDirectory);
             DirectoryStream<Path> locks = Files.newDirectoryStream(refs, "*.lock")) {
            folders.forEach(folder -> sessions.add(folder.getFileName().toString()));
            for (Path lock : locks) {
                String name = lock.getFileName().toString();
                String ref = name.substring(0, name.length() - ".lock".length());
                sessions.stream().filter(id -> ref.equals(id) || ref.startsWith(id + "-"))
                        .max(java.util.Comparator.comparingInt(String::length))
                        .filter(id -> !held(worktrees.resolve(id).resolve(OWNER)))
                        .ifPresent(id -> {
                            LOG.info("removing {}, left by a git command of a run that ended", lock);
                            deleteQuietly(lock);
                        });
            }
        } catch (IOException e) {
            LOG.warn("cannot look for stale locks in {}: {}", refs, e.getMessage());
        }
    }

    /** Worktrees being removed when their run ended: merged or unchanged, so their branches hold nothing to keep. */
    private static void emptyTrash(Repository repo, String sessionId, Path trash) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(trash)) {
            for (Path entry : entries) {
                repo.run("update-ref", "-d", "refs/heads/orchestrate/" + sessionId + "-" + entry.getFileName());
            }
        }
        deleteTree(trash);
    }

    /** Commits what a worktree holds beyond its base on its branch; returns the branch when it has work of its own. */
    private static String saveLeftovers(Repository in, String attemptBranch, String name, Path baseFile) {
        try {
            Repository.Result added = in.run("add", "--all");
            String base = Files.isRegularFile(baseFile) ? Files.readString(baseFile).strip() : null;
            String head = in.line("rev-parse", "HEAD");
            if (added.ok()) {
                String tree = in.line("write-tree");
                if (!tree.equals(in.line("rev-parse", "HEAD^{tree}"))) {
                    String commit = in.line("commit-tree", "--no-gpg-sign", "-p", head, "-m",
                            "orchestrate: work left in the worktree of " + name + ", saved when it was cleaned", tree);
                    in.output("update-ref", "refs/heads/" + attemptBranch, commit);
                    return attemptBranch;
                }
            }
            return base != null && !base.equals(head) ? attemptBranch : null;
        } catch (GitException | IOException e) {
            LOG.warn("cannot save what {} left: {}", name, e.getMessage());
            return attemptBranch; // keep the branch when unsure
        }
    }

    /** Whether a live run holds the lock of this owner file. */
    private static boolean held(Path owner) {
        if (!Files.exists(owner)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held in this very process
        } catch (IOException e) {
            return true; // cannot tell: leave it alone
        }
    }

    private static boolean refExists(Repository repo, String ref) {
        return repo.run("show-ref", "--verify", "--quiet", ref).ok();
    }

    static String refSafe(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9_-]", "_");
        return safe.isEmpty() ? "task" : safe;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static List<String> splitNul(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            String rest = text.substring(start).strip();
            if (!rest.isEmpty()) {
                parts.add(rest);
            }
        }
        return parts;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", path, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("cannot close", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Integration[" + branch + " from " + base + " in " + topLevel + "]";
    }
}
