package dev.orchestrate.run;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.AgentBudget;
import dev.orchestrate.run.agent.AgentCommand;
import dev.orchestrate.run.agent.AgentEnvironment;
import dev.orchestrate.run.agent.AgentExit;
import dev.orchestrate.run.agent.AgentOutcome;
import dev.orchestrate.run.agent.ChangedFiles;
import dev.orchestrate.run.agent.FailureClass;
import dev.orchestrate.run.agent.Prompt;
import dev.orchestrate.run.agent.PromptFeeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a task to a coding-agent CLI (SPEC §6): the prompt is saved as {@code logs/<id>.prompt.md}
 * and given on stdin, as an argument or as a file, as {@code --agent} says; the agent runs in the
 * project root, without the variables a Claude Code session sets for its commands; its output goes
 * to the task's log. The attempt succeeds when the agent exits 0 and its JSON result, if it prints
 * one, is not an error. An agent that prints nothing for the inactivity limit is stopped, except
 * one that only prints at the end ({@link AgentCommand#silentUntilDone()}). In a git work tree, the files it changed outside the ones its task
 * declared are reported.
 */
public final class AgentExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(AgentExecutor.class);

    private final AgentCommand command;
    private final ExecutionPlan plan;
    private final String contextSummary;
    private final Duration inactivityLimit;
    private final ChangedFiles changedFiles;
    private final Optional<AgentBudget> budget;
    private final Map<String, List<String>> dependents = new HashMap<>();

    /**
     * @param contextSummary  a few lines about the project for every prompt (the scout's summary)
     * @param inactivityLimit how long an agent may print nothing before it is stopped
     * @param changedFiles    git status snapshots of the project root, the session folder excluded
     */
    public AgentExecutor(AgentCommand command, ExecutionPlan plan, String contextSummary, Duration inactivityLimit,
                         ChangedFiles changedFiles) {
        this(command, plan, contextSummary, inactivityLimit, changedFiles, Optional.empty());
    }

    /**
     * @param budget the run's agent budget: every attempt's reported cost is added to it, and a CLI
     *               that takes a cap of its own is given what is left
     */
    public AgentExecutor(AgentCommand command, ExecutionPlan plan, String contextSummary, Duration inactivityLimit,
                         ChangedFiles changedFiles, Optional<AgentBudget> budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.command = Objects.requireNonNull(command, "command");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.contextSummary = Objects.requireNonNull(contextSummary, "contextSummary");
        this.inactivityLimit = Objects.requireNonNull(inactivityLimit, "inactivityLimit");
        this.changedFiles = Objects.requireNonNull(changedFiles, "changedFiles");
        for (PlannedTask task : plan.tasks().values()) {
            for (String dependency : task.allDependencies()) {
                dependents.computeIfAbsent(dependency, d -> new ArrayList<>()).add(task.id());
            }
        }
    }

    /**
     * Why {@code command}'s program cannot be run, if it cannot: a bare name found in none of the
     * {@code path} folders, or a path that is not an executable file. Worth knowing before any
     * task starts rather than once per attempt.
     *
     * @param path the {@code PATH} the agent will inherit ({@code null}: none)
     */
    public static Optional<String> notRunnable(AgentCommand command, String path) {
        String program = command.template().get(0);
        if (program.contains("/")) {
            Path file = Path.of(program);
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.empty()
                    : Optional.of(program + " is not an executable file");
        }
        return ShellExecutor.findOnPath(program, path).isPresent() ? Optional.empty()
                : Optional.of(program + " is not on the PATH"
                        + (command.profile().isPresent() ? " (install it, or give --agent a command line)" : ""));
    }

    @Override
    public Execution start(PlannedTask task, AttemptContext context) throws IOException {
        // every dependency has completed when a task starts: a given-up one would have skipped it
        Prompt prompt = Prompt.forPlannedTask(task, plan, task.allDependencies(), contextSummary);
        prompt = RetryNote.before(context.log(), context.attempt()).map(prompt::withPreviousAttempt).orElse(prompt);
        Path promptFile = context.log().resolveSibling(task.id() + ".prompt.md");
        try {
            prompt.writeTo(promptFile);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<String> argv;
        try {
            argv = withBudgetCap(command.argv(task.id(), prompt.text(), promptFile, context.root()));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        LOG.info("{} attempt {}: {} ({} bytes of prompt in {})", task.id(), context.attempt(), command.describe(),
                prompt.size(), promptFile);

        ChangedFiles.Snapshot before = changedFiles.snapshot();
        long logStart = Files.size(context.log());
        ProcessBuilder builder = context.processBuilder(argv);
        new AgentEnvironment(task.id(), context.worker(), context.attempt(), context.sessionDir()).applyToAgent(builder.environment());
        Process process;
        if (command.promptOnStdin()) {
            process = builder.start();
            PromptFeeder.feed(process, prompt);
        } else {
            process = AttemptContext.startWithoutInput(builder);
        }
        HopelessWatch watch = HopelessWatch.start(process, context.log(), logStart, command, RunSettings.DEFAULT_KILL_GRACE);
        return new AgentExecution(task, context, process, before, logStart, prompt.size(), watch);
    }

    /**
     * Whether the agent takes a spending cap per invocation: claude in print mode
     * ({@code --max-budget-usd}, "only works with --print"), unless the command line sets one itself.
     */
    static boolean takesBudgetCap(AgentCommand command) {
        List<String> words = command.template();
        String program = Path.of(words.get(0)).getFileName().toString();
        return program.equals("claude") && (words.contains("-p") || words.contains("--print"))
                && words.stream().noneMatch(w -> w.equals(BUDGET_OPTION) || w.startsWith(BUDGET_OPTION + "="));
    }

    static final String BUDGET_OPTION = "--max-budget-usd";

    /** The argv with what is left of the run's budget as the CLI's own cap, right after the program name. */
    private List<String> withBudgetCap(List<String> argv) {
        if (budget.isEmpty() || !takesBudgetCap(command)) {
            return argv;
        }
        List<String> capped = new ArrayList<>(argv);
        capped.addAll(1, List.of(BUDGET_OPTION, budget.get().leftArgument()));
        return List.copyOf(capped);
    }

    /** One agent attempt under way. */
    private final class AgentExecution implements Execution {

        private final PlannedTask task;
        private final AttemptContext context;
        private final Process process;
        private final ChangedFiles.Snapshot before;
        private final long logStart;
        private final int promptBytes;
        private final HopelessWatch watch;

        AgentExecution(PlannedTask task, AttemptContext context, Process process, ChangedFiles.Snapshot before,
                       long logStart, int promptBytes, HopelessWatch watch) {
            this.watch = watch;
            this.task = task;
            this.context = context;
            this.process = process;
            this.before = before;
            this.logStart = logStart;
            this.promptBytes = promptBytes;
        }

        @Override
        public Process process() {
            return process;
        }

        @Override
        public Optional<Duration> inactivityLimit() {
            return command.silentUntilDone() ? Optional.empty() : Optional.of(inactivityLimit);
        }

        @Override
        public Verdict end(Ending ending) {
            // what the watch saw in the output, once it stopped the agent, says more than the ending of its process
            AgentExit exit = watch.found().<AgentExit>map(hopeless -> hopeless).orElseGet(() -> new AgentExit.Ended(ending));
            AgentOutcome outcome = AgentOutcome.classify(exit, context.log(), logStart, command);
            List<String> outside = ChangedFiles.outsideDeclared(before, changedFiles.snapshot(), mayChange(task));
            if (!outside.isEmpty()) {
                LOG.warn("{} changed files outside its declared ones: {}", task.id(), outside);
            }
            Optional<String> error = outcome.failure().isEmpty() ? Optional.empty()
                    : outcome.failure().get() == FailureClass.TIMEOUT ? Verdict.of(ending).error()
                    : outcome.error();
            budget.ifPresent(b -> b.spend(outcome.usage().costUsd()));
            Optional<String> detail = outcome.failure().isPresent() ? Optional.of(outcome.detail()) : Optional.empty();
            return new Verdict(error, Optional.of(new AgentAttempt(outcome.failure(), outcome.usage(), outside, promptBytes,
                    detail, outcome.retryAt())));
        }
    }

    /**
     * The files a change may be put down to: the task's own, and those of every task that may run
     * beside it (neither before nor after it in the graph, at the same priority level): a git
     * snapshot cannot tell whose change a file is.
     */
    List<String> mayChange(PlannedTask task) {
        Set<String> ordered = new LinkedHashSet<>();
        ordered.addAll(reachable(task.id(), id -> plan.task(id).allDependencies()));
        ordered.addAll(reachable(task.id(), id -> dependents.getOrDefault(id, List.of())));
        List<String> paths = new ArrayList<>(task.files().stream().map(PlannedFile::path).toList());
        for (PlannedTask other : plan.tasks().values()) {
            if (!other.id().equals(task.id()) && !other.alreadyDone() && other.priority() == task.priority()
                    && !ordered.contains(other.id())) {
                other.files().forEach(file -> paths.add(file.path()));
            }
        }
        return paths;
    }

    private Set<String> reachable(String from, java.util.function.Function<String, List<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(next.apply(from));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id) && plan.tasks().containsKey(id)) {
                todo.addAll(next.apply(id));
            }
        }
        return seen;
    }
}
