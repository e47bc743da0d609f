package dev.orchestrate.worktree;

import static dev.orchestrate.worktree.GitFiles.firstLine;
import static dev.orchestrate.worktree.GitFiles.splitNul;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one merge queue of a run: takes each finished attempt's commit onto the integration branch,
 * one at a time, in the order they arrive, in memory ({@code git merge-tree --write-tree},
 * {@code commit-tree}, {@code update-ref} from the tip merged with); with {@code --verify-merged},
 * checks the new tip in a worktree of its own and puts the branch back when it fails.
 */
final class MergeQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MergeQueue.class);

    private final Repository repo;
    private final String branch;
    private final Path folder;
    private final Path relativeRoot;
    private final Worktrees worktrees;
    private final ReentrantLock queue = new ReentrantLock(true); // fair: merges in the order attempts arrive
    private Path checkWorktree; // guarded by queue

    MergeQueue(Repository repo, String branch, Path folder, Path relativeRoot, Worktrees worktrees) {
        this.repo = repo;
        this.branch = branch;
        this.folder = folder;
        this.relativeRoot = relativeRoot;
        this.worktrees = worktrees;
    }

    /**
     * Merges the change into the integration branch, waiting for its turn in the one queue; then,
     * with a check, runs it on a checkout of the new tip and puts the branch back when it fails.
     *
     * @param message the integration commit's message, {@code T001: title}
     */
    MergeResult merge(Change change, String message, Optional<MergeCheck> check) {
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
                        paths.add(worktrees.projectRelative(out.get(i)));
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

    private Optional<String> runCheck(MergeCheck check, String commit) {
        try {
            if (checkWorktree == null) {
                checkWorktree = folder.resolve(Integration.CHECK_WORKTREE);
                if (Files.exists(checkWorktree)) {
                    worktrees.remove(checkWorktree, null);
                }
                synchronized (worktrees.admin) {
                    repo.output("worktree", "add", "--quiet", "--detach", checkWorktree.toString(), commit);
                }
                worktrees.copyIncludes(checkWorktree);
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

    /** Removes the check worktree, once no merge runs. */
    void close() {
        queue.lock();
        try {
            if (checkWorktree != null) {
                worktrees.remove(checkWorktree, null);
                checkWorktree = null;
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot remove the check worktree: {}", e.getMessage());
        } finally {
            queue.unlock();
        }
    }

    private String tip() {
        return repo.line("rev-parse", "refs/heads/" + branch);
    }
}
