package dev.orchestrate.worktree;

import static dev.orchestrate.worktree.GitFiles.deleteQuietly;
import static dev.orchestrate.worktree.GitFiles.deleteTree;
import static dev.orchestrate.worktree.GitFiles.splitNul;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts' worktrees of one run, in its folder: each made from the integration tip, its change
 * committed on its branch, then removed (in the background) or kept for the user to look at.
 */
final class Worktrees {

    private static final Logger LOG = LoggerFactory.getLogger(Worktrees.class);

    private final Repository repo;
    private final Path topLevel;
    private final Path relativeRoot;
    private final String branch;
    private final Path folder;
    private final List<String> includes;
    /** git worktree add/remove/prune read every worktree's admin folder: two at once can see one half made. */
    final Object admin = new Object();
    private final List<Integration.Kept> kept = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService janitor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "orchestrate-worktree-removal");
        thread.setDaemon(true);
        return thread;
    });

    Worktrees(Repository repo, Path topLevel, Path relativeRoot, String branch, Path folder, List<String> includes) {
        this.repo = repo;
        this.topLevel = topLevel;
        this.relativeRoot = relativeRoot;
        this.branch = branch;
        this.folder = folder;
        this.includes = List.copyOf(includes);
    }

    /**
     * A new worktree for an attempt, on a new branch at the integration tip, with the
     * {@code .worktreeinclude} files copied in.
     */
    Worktree create(String taskId, int attempt) {
        String name = Integration.refSafe(taskId) + "-" + attempt;
        Path dir = folder.resolve(name);
        String attemptBranch = branch + "-" + name;
        String tip = tip();
        synchronized (admin) {
            if (Files.exists(dir)) {
                remove(dir, attemptBranch);
            }
            repo.output("worktree", "add", "--quiet", "-B", attemptBranch, dir.toString(), tip);
        }
        try {
            Files.writeString(folder.resolve(name + Integration.BASE_SUFFIX), tip + "\n");
            copyIncludes(dir);
            Path root = dir.resolve(relativeRoot.toString());
            Files.createDirectories(root);
            return new Worktree(taskId, attempt, dir, root, attemptBranch, tip);
        } catch (IOException e) {
            throw new GitException("cannot prepare worktree " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Commits everything the attempt changed (git-ignored files aside) on its branch; message: {@code T001: title}. */
    Change commit(Worktree worktree, String message) {
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
     * Removes an attempt's worktree and its branch: its change is merged, or there was none. The
     * folder is moved aside at once and deleted in the background, off the path of the task's
     * dependents; {@link #awaitRemovals()} waits for it.
     */
    void remove(Worktree worktree) {
        deleteQuietly(folder.resolve(worktree.dir().getFileName() + Integration.BASE_SUFFIX));
        Path trash = folder.resolve(Integration.TRASH).resolve(worktree.dir().getFileName());
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
                synchronized (admin) {
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
    void keep(Worktree worktree, String reason) {
        kept.add(new Integration.Kept(worktree.taskId(), worktree.attempt(), worktree.dir(), worktree.branch(), reason));
    }

    /**
     * Keeps a committed attempt that was not merged (conflict, broken tip, stopped): its commit is
     * put on its branch first, so the branch the summary names holds the attempt's work.
     */
    void keep(Change change, String reason) {
        change.commit().ifPresent(commit -> {
            Repository.Result moved = repo.run("update-ref", "refs/heads/" + change.worktree().branch(), commit);
            if (!moved.ok()) {
                LOG.warn("cannot put {} on {}: {}", commit, change.worktree().branch(), moved.err().strip());
            }
        });
        keep(change.worktree(), reason);
    }

    void remove(Path dir, String attemptBranch) {
        synchronized (admin) {
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

    void copyIncludes(Path dir) throws IOException {
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

    /** The worktrees kept so far. */
    List<Integration.Kept> kept() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    /** Waits for the removals still under way (at most 2 minutes; the next run cleans what is left). */
    void awaitRemovals() {
        janitor.shutdown();
        try {
            if (!janitor.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("worktrees still being removed; the next run cleans what is left");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(folder.resolve(Integration.TRASH)); // empty once the removals are done
    }

    /** A path git gave relative to the top level, made relative to the project root. */
    String projectRelative(String topLevelPath) {
        if (relativeRoot.toString().isEmpty()) {
            return topLevelPath;
        }
        return relativeRoot.relativize(Path.of(topLevelPath)).toString().replace('\\', '/');
    }

    private String tip() {
        return repo.line("rev-parse", "refs/heads/" + branch);
    }
}
