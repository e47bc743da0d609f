package dev.orchestrate.worktree;

import static dev.orchestrate.worktree.GitFiles.closeQuietly;
import static dev.orchestrate.worktree.GitFiles.deleteQuietly;
import static dev.orchestrate.worktree.GitFiles.realPath;
import static dev.orchestrate.worktree.GitFiles.refExists;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    static final String OWNER = ".owner";
    static final String BASE_SUFFIX = ".base";
    static final String CHECK_WORKTREE = "integration";
    static final String TRASH = ".removed";
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
    private final Optional<String> dirty;
    private final List<String> cleaned;
    private final Worktrees worktrees;
    private final MergeQueue mergeQueue;

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
        this.worktrees = new Worktrees(repo, topLevel, relativeRoot, branch, folder, includes);
        this.mergeQueue = new MergeQueue(repo, branch, folder, relativeRoot, worktrees);
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
        RepoFacts.requireMergeTree(probe);
        Path topLevel = realPath(Path.of(probe.line("rev-parse", "--show-toplevel")));
        Path commonDir = realPath(absolute.resolve(probe.line("rev-parse", "--git-common-dir")));
        Repository.Result head = probe.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        if (!head.ok()) {
            throw new GitException("--isolation worktree needs a commit to start from, and " + topLevel + " has none yet");
        }
        Repository repo = new Repository(topLevel, RepoFacts.identity(probe));
        Path relativeRoot = topLevel.relativize(realPath(absolute));
        Path worktrees = commonDir.resolve(FOLDER);
        List<String> cleaned = Leftovers.cleanOrphans(repo, worktrees);
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
                    RepoFacts.includes(repo, topLevel), RepoFacts.dirty(repo, topLevel, excluded), cleaned);
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
        return worktrees.kept();
    }

    // ---- worktrees and merges ----------------------------------------------------------------

    /**
     * A new worktree for an attempt, on a new branch at the integration tip, with the
     * {@code .worktreeinclude} files copied in.
     */
    public Worktree create(String taskId, int attempt) {
        return worktrees.create(taskId, attempt);
    }

    /** Commits everything the attempt changed (git-ignored files aside) on its branch; message: {@code T001: title}. */
    public Change commit(Worktree worktree, String message) {
        return worktrees.commit(worktree, message);
    }

    /**
     * Merges the change into the integration branch, waiting for its turn in the one queue; then,
     * with a check, runs it on a checkout of the new tip and puts the branch back when it fails.
     *
     * @param message the integration commit's message, {@code T001: title}
     */
    public MergeResult merge(Change change, String message, Optional<MergeCheck> check) {
        return mergeQueue.merge(change, message, check);
    }

    /** Removes an attempt's worktree and its branch (in the background): its change is merged, or there was none. */
    public void remove(Worktree worktree) {
        worktrees.remove(worktree);
    }

    /** Leaves a failed or stopped attempt's worktree in place, to be named in the summary. */
    public void keep(Worktree worktree, String reason) {
        worktrees.keep(worktree, reason);
    }

    /** Keeps a committed attempt that was not merged, its commit put on its branch first. */
    public void keep(Change change, String reason) {
        worktrees.keep(change, reason);
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
        worktrees.awaitRemovals();
        mergeQueue.close();
        try {
            ownerLock.release();
        } catch (IOException e) {
            LOG.debug("cannot release {}", folder.resolve(OWNER), e);
        }
        closeQuietly(ownerChannel);
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

    static String refSafe(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9_-]", "_");
        return safe.isEmpty() ? "task" : safe;
    }

    @Override
    public String toString() {
        return "Integration[" + branch + " from " + base + " in " + topLevel + "]";
    }
}
