package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.ChangedFiles;
import dev.orchestrate.run.agent.FailureClass;
import dev.orchestrate.worktree.Change;
import dev.orchestrate.worktree.GitException;
import dev.orchestrate.worktree.Integration;
import dev.orchestrate.worktree.MergeCheck;
import dev.orchestrate.worktree.MergeResult;
import dev.orchestrate.worktree.Worktree;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --isolation worktree} (issue 14): every attempt, shell or agent, runs in a worktree of its
 * own, created from the integration tip when the attempt starts (after every dependency has been
 * merged: the coordinator starts a task only once its dependencies have completed, and an attempt
 * completes only once merged). {@code --setup CMD} runs there first. When the attempt and its checks
 * succeed, its change is committed on its branch and merged by the one merge queue; a conflict
 * fails the attempt, naming the paths, and the retry starts from the new tip with a prompt that
 * says what conflicted. A merged or unchanged attempt's worktree is removed; a failed one is kept.
 */
public final class IsolatedExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(IsolatedExecutor.class);
    public static final String MERGE_CONFLICT = "merge_conflict";

    private final TaskExecutor inner;
    private final Integration integration;
    private final Optional<String> setup;
    private final Optional<String> verifyMerged;
    private final List<String> shell;
    private final Duration killGrace;
    private final Map<String, Worktree> active = new ConcurrentHashMap<>();
    private final Set<String> unchanged = ConcurrentHashMap.newKeySet();

    public IsolatedExecutor(TaskExecutor inner, Integration integration, Optional<String> setup, Optional<String> verifyMerged,
                            Duration killGrace) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.integration = Objects.requireNonNull(integration, "integration");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.verifyMerged = Objects.requireNonNull(verifyMerged, "verifyMerged");
        this.shell = new ShellExecutor().shell();
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
    }

    /** The tasks whose successful attempt changed nothing: nothing was merged for them. */
    public Set<String> unchanged() {
        return Set.copyOf(unchanged);
    }

    /** Keeps the worktrees of attempts that never ended (stopped by Ctrl-C or a critical failure). */
    public void finish() {
        active.values().forEach(worktree -> integration.keep(worktree, "stopped"));
        active.clear();
    }

    @Override
    public Execution start(PlannedTask task, AttemptContext context) throws IOException {
        Worktree worktree;
        try {
            worktree = integration.create(task.id(), context.attempt());
        } catch (GitException e) {
            throw new IOException("no worktree: " + e.getMessage(), e);
        }
        ShellCheck.append(context.log(), "=== worktree " + worktree.dir() + " on " + worktree.branch() + " at "
                + worktree.base().substring(0, 7) + " ===");
        AttemptContext isolated = context.withRoot(worktree.root());
        String key = task.id() + "#" + context.attempt();
        active.put(key, worktree);
        Execution execution;
        try {
            if (setup.isPresent()) {
                ShellCheck.Outcome outcome;
                try {
                    outcome = new ShellCheck("setup", setup.get(), shell, killGrace).run(isolated, task.timeout());
                } catch (InterruptedException e) {
                    throw new IOException("stopped during --setup");
                }
                if (!outcome.passed()) {
                    throw new IOException("setup failed: " + outcome.failure().orElseThrow() + " (" + VerifyingExecutor.oneLine(setup.get()) + ")");
                }
            }
            execution = inner.start(task, isolated);
        } catch (IOException | RuntimeException e) {
            active.remove(key);
            integration.keep(worktree, e.getMessage());
            throw e;
        }
        return Rejudged.onSuccess(execution, verdict -> {
            active.remove(key);
            try {
                return integrate(task, isolated, worktree, verdict);
            } catch (GitException | IllegalStateException e) {
                LOG.error("{}: cannot integrate {}", task.id(), worktree.dir(), e);
                integration.keep(worktree, e.getMessage());
                ShellCheck.append(context.log(), "=== cannot merge: " + e.getMessage() + " ===");
                return Rejudged.failed(verdict, FailureClass.ERROR, "cannot merge: " + e.getMessage());
            }
        }, verdict -> {
            active.remove(key);
            integration.keep(worktree, verdict.error().orElse("failed"));
        });
    }

    private Execution.Verdict integrate(PlannedTask task, AttemptContext context, Worktree worktree, Execution.Verdict verdict) {
        String message = task.id() + ": " + task.task().title().strip();
        Change change = integration.commit(worktree, message);
        Execution.Verdict exact = withChangedOutside(verdict, task, change.paths());
        if (change.unchanged()) {
            ShellCheck.append(context.log(), "=== " + task.id() + " changed nothing: nothing to merge ===");
            unchanged.add(task.id());
            integration.remove(worktree);
            return exact;
        }
        Optional<MergeCheck> check = verifyMerged.map(cmd -> root -> {
            ShellCheck.Outcome outcome = new ShellCheck("verify-merged", cmd, shell, killGrace).run(context.withRoot(root), task.timeout());
            if (outcome.passed()) {
                return Optional.empty();
            }
            RetryNote.write(context.log(), context.attempt(), RetryNote.checkFailed("--verify-merged, on the integration branch with your change merged",
                    cmd, outcome.failure().orElseThrow(), outcome.tail()));
            return Optional.of(outcome.failure().orElseThrow() + " (" + VerifyingExecutor.oneLine(cmd) + ")");
        });
        MergeResult merged = integration.merge(change, message, check);
        if (merged instanceof MergeResult.Merged done) {
            ShellCheck.append(context.log(), "=== merged into " + integration.branch() + " as " + done.commit().substring(0, 7) + " ===");
            integration.remove(worktree);
            return exact;
        }
        if (merged instanceof MergeResult.Unchanged) {
            ShellCheck.append(context.log(), "=== " + task.id() + " changed nothing the integration branch lacks: nothing to merge ===");
            unchanged.add(task.id());
            integration.remove(worktree);
            return exact;
        }
        integration.keep(change, describe(merged));
        if (merged instanceof MergeResult.Conflicted conflict) {
            String paths = String.join(", ", conflict.paths());
            ShellCheck.append(context.log(), "=== merge conflict in " + paths + " ===");
            RetryNote.write(context.log(), context.attempt(), "Your previous attempt's change conflicted with work merged into "
                    + integration.branch() + " while it ran, in: " + paths + ".\n"
                    + "This attempt starts from the new tip of " + integration.branch() + ", which has that work. "
                    + "Make your change on top of it, keeping what is already there.\n");
            return Rejudged.failed(exact, FailureClass.MERGE_CONFLICT, MERGE_CONFLICT + ": " + paths + " changed on " + integration.branch()
                    + " meanwhile");
        }
        if (merged instanceof MergeResult.Broken broken) {
            ShellCheck.append(context.log(), "=== the merged tip failed its check; " + integration.branch() + " put back ===");
            return Rejudged.failed(exact, FailureClass.VERIFY_FAILED, VerifyingExecutor.VERIFY_FAILED + ": merged tip: " + broken.reason()
                    + "; " + integration.branch() + " put back");
        }
        return Rejudged.failed(exact, FailureClass.ERROR, "stopped before its merge");
    }

    private static String describe(MergeResult result) {
        if (result instanceof MergeResult.Conflicted conflict) {
            return "merge conflict in " + String.join(", ", conflict.paths());
        }
        if (result instanceof MergeResult.Broken broken) {
            return "merged tip failed its check: " + broken.reason();
        }
        return "stopped before its merge";
    }

    /** Files changed outside the declared ones, exactly, from the attempt's own diff. */
    private static Execution.Verdict withChangedOutside(Execution.Verdict verdict, PlannedTask task, List<String> changed) {
        if (verdict.agent().isEmpty()) {
            return verdict;
        }
        AgentAttempt a = verdict.agent().get();
        List<String> outside = ChangedFiles.notCovered(changed, task.files().stream().map(PlannedFile::path).toList());
        return new Execution.Verdict(verdict.error(), Optional.of(new AgentAttempt(a.failure(), a.usage(), outside, a.promptBytes())));
    }
}
