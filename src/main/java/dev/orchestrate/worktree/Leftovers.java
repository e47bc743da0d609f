package dev.orchestrate.worktree;

import static dev.orchestrate.worktree.GitFiles.deleteQuietly;
import static dev.orchestrate.worktree.GitFiles.deleteTree;
import static dev.orchestrate.worktree.GitFiles.refExists;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What earlier runs left in {@code <git dir>/orchestrate-worktrees/}: the worktrees of runs that
 * ended, were interrupted or killed, their branches, and the ref locks their git commands left.
 * Cleaned when the next run opens its integration.
 */
final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    /**
     * Removes the worktrees of earlier runs that no live run holds (ended, interrupted, killed):
     * work left uncommitted in one is first committed on its branch, which is then kept; a branch
     * with nothing of its own is deleted. Then {@code git worktree prune}.
     */
    static List<String> cleanOrphans(Repository repo, Path worktrees) {
        List<String> cleaned = new ArrayList<>();
        if (Files.isDirectory(worktrees)) {
            removeStaleRefLocks(worktrees);
            try (DirectoryStream<Path> sessions = Files.newDirectoryStream(worktrees)) {
                for (Path session : sessions) {
                    if (Files.isDirectory(session) && !held(session.resolve(Integration.OWNER))) {
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
                if (name.equals(Integration.TRASH)) {
                    emptyTrash(repo, sessionId, dir);
                    continue;
                }
                String attemptBranch = "orchestrate/" + sessionId + "-" + name;
                boolean isAttempt = !name.equals(Integration.CHECK_WORKTREE) && refExists(repo, "refs/heads/" + attemptBranch);
                String saved = null;
                if (isAttempt && Files.exists(dir.resolve(".git"))) {
                    saved = saveLeftovers(repo.in(dir), attemptBranch, name, session.resolve(name + Integration.BASE_SUFFIX));
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
                        .max(Comparator.comparingInt(String::length))
                        .filter(id -> !held(worktrees.resolve(id).resolve(Integration.OWNER)))
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
}
