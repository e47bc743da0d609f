package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.agent.FailureClass;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that decide "done" (issue 14): after a task's command or agent exits 0 and is judged a
 * success, its own check ({@code Verify:}) and then {@code --verify CMD} run in the same place,
 * each with the task's time limit. The attempt succeeds only when every check exits 0; a failed
 * check fails it as {@code verify_failed}, and the next attempt's prompt gets the check's last lines.
 */
public final class VerifyingExecutor implements TaskExecutor {

    /** The start of the error of an attempt whose check failed. */
    public static final String VERIFY_FAILED = "verify_failed";

    private final TaskExecutor inner;
    private final Optional<String> everyTask;
    private final List<String> shell;
    private final Duration killGrace;

    /** @param everyTask {@code --verify CMD}: the check of every task, after its own */
    public VerifyingExecutor(TaskExecutor inner, Optional<String> everyTask, Duration killGrace) {
        this(inner, everyTask, new ShellExecutor().shell(), killGrace);
    }

    VerifyingExecutor(TaskExecutor inner, Optional<String> everyTask, List<String> shell, Duration killGrace) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.everyTask = Objects.requireNonNull(everyTask, "everyTask");
        this.shell = List.copyOf(shell);
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
    }

    /** The checks of a task, in the order they run. */
    List<String> checksOf(PlannedTask task) {
        List<String> checks = new ArrayList<>(2);
        task.task().verify().ifPresent(checks::add);
        everyTask.filter(cmd -> !checks.contains(cmd)).ifPresent(checks::add);
        return checks;
    }

    @Override
    public Execution start(PlannedTask task, AttemptContext context) throws IOException {
        Execution execution = inner.start(task, context);
        List<String> checks = checksOf(task);
        if (checks.isEmpty()) {
            return execution;
        }
        return Rejudged.onSuccess(execution, verdict -> {
            for (String check : checks) {
                ShellCheck.Outcome outcome;
                try {
                    outcome = new ShellCheck("verify", check, shell, killGrace).run(context, task.timeout());
                } catch (InterruptedException e) {
                    return failed(verdict, "stopped while checking");
                }
                if (!outcome.passed()) {
                    String why = outcome.failure().orElseThrow();
                    RetryNote.write(context.log(), context.attempt(), RetryNote.checkFailed("Verify", check, why, outcome.tail()));
                    return failed(verdict, VERIFY_FAILED + ": " + why + " (" + oneLine(check) + ")");
                }
            }
            return verdict;
        }, verdict -> { });
    }

    /** The verdict of an attempt that succeeded but whose check did not. */
    static Execution.Verdict failed(Execution.Verdict succeeded, String error) {
        return Rejudged.failed(succeeded, FailureClass.VERIFY_FAILED, error);
    }

    static String oneLine(String command) {
        String line = command.strip().replaceAll("\\s*\\R\\s*", "; ");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
