package dev.orchestrate;

import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.AgentExecutor;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.run.ShellExecutor;
import dev.orchestrate.run.TaskExecutor;
import dev.orchestrate.run.agent.AgentBudget;
import dev.orchestrate.run.agent.AgentCommand;
import dev.orchestrate.run.agent.AgentLimits;
import dev.orchestrate.run.agent.AgentPreCheck;
import dev.orchestrate.run.agent.AgentProfile;
import dev.orchestrate.run.agent.ChangedFiles;
import dev.orchestrate.run.agent.OutputWatch;
import dev.orchestrate.scout.Context;
import dev.orchestrate.session.Session;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who runs a run's tasks: shell tasks the shell, agent tasks the {@code --agent} command, checked
 * before any task starts (issue 12) so that a run that cannot work fails in one line, not task by task.
 */
final class AgentSetup {

    private final AgentRequest request;
    private final Optional<AgentCommand> agent;
    private final RunPaths paths;
    private final Map<String, String> env;

    private AgentSetup(AgentRequest request, Optional<AgentCommand> agent, RunPaths paths, Map<String, String> env) {
        this.request = request;
        this.agent = agent;
        this.paths = paths;
        this.env = env;
    }

    /** {@code --agent CMD} read, its program found from where the user typed it; a usage error when it cannot be read. */
    static AgentSetup of(AgentRequest request, RunPaths paths, Map<String, String> env) {
        try {
            return new AgentSetup(request, request.command().map(cmd -> AgentCommand.parse(cmd).resolvedFrom(paths.workingDir())),
                    paths, env);
        } catch (IllegalArgumentException e) {
            throw new OrchestrateException(ExitCode.USAGE, e.getMessage());
        }
    }

    /**
     * Fails fast when the plan's agent tasks cannot be run: no {@code --agent}, a program that cannot
     * be run, a budget no profile could keep, an agent that is not logged in.
     *
     * @return the run's agent budget, if {@code --max-budget-usd} asks for one
     */
    Optional<AgentBudget> requireReady(ExecutionPlan plan, Path root) {
        refuseAgentTasksWithoutAgent(plan);
        boolean agentTasks = !agentTasks(plan).isEmpty();
        if (agent.isPresent() && agentTasks) {
            AgentExecutor.notRunnable(agent.get(), env.get("PATH")).ifPresent(why -> {
                throw new OrchestrateException(ExitCode.USAGE, "--agent " + agent.get().source().strip() + ": " + why);
            });
        }
        Optional<AgentBudget> budget = budget();
        if (agent.isPresent() && agentTasks) {
            // not logged in is a critical failure, in one line naming the login command
            AgentPreCheck.refusal(agent.get(), env, root, AgentPreCheck.DEFAULT_LIMIT).ifPresent(why -> {
                throw new OrchestrateException(ExitCode.CRITICAL, why);
            });
        }
        return budget;
    }

    /** Shell tasks to the shell; agent tasks, with {@code --agent}, to the agent. */
    TaskExecutor executor(ExecutionPlan plan, Context context, Path root, Session session, Optional<AgentBudget> budget,
                          Terminal terminal) {
        Map<Executor, TaskExecutor> executors = new EnumMap<>(Executor.class);
        executors.put(Executor.SHELL, new ShellExecutor());
        agent.ifPresent(command -> {
            terminal.detail("Agent tasks run with " + command.describe());
            executors.put(Executor.AGENT, new AgentExecutor(command, plan, context.summary(), OutputWatch.DEFAULT_IDLE_LIMIT,
                    new ChangedFiles(root, ChangedFiles.DEFAULT_TIME_LIMIT, List.of(session.dir())), budget));
        });
        return TaskExecutor.byKind(executors);
    }

    /** What bounds the agent attempts while the run goes: {@code --agent-workers}, the budget. */
    AgentLimits limits(Optional<AgentBudget> budget) {
        return new AgentLimits(request.agentWorkers(), budget, agent);
    }

    private void refuseAgentTasksWithoutAgent(ExecutionPlan plan) {
        List<PlannedTask> agentTasks = agentTasks(plan);
        if (agent.isPresent() || agentTasks.isEmpty()) {
            return;
        }
        String listed = agentTasks.stream().limit(10)
                .map(t -> t.id() + " (line " + t.task().line() + ")")
                .collect(Collectors.joining(", "));
        String more = agentTasks.size() > 10 ? ", and " + (agentTasks.size() - 10) + " more" : "";
        throw new OrchestrateException(ExitCode.USAGE, paths.display(plan.taskFile()) + ":" + agentTasks.get(0).task().line()
                + ": " + agentTasks.size() + " task(s) have no shell command and need --agent: " + listed + more);
    }

    /**
     * The budget of {@code --max-budget-usd}; a usage error with a built-in profile whose CLI reports
     * no cost (codex, gemini, aider), since no budget could be kept.
     */
    private Optional<AgentBudget> budget() {
        if (request.maxBudgetUsd().isEmpty() || agent.isEmpty()) {
            return Optional.empty();
        }
        Optional<AgentProfile> profile = agent.get().profile();
        if (profile.isPresent() && profile.get() != AgentProfile.CLAUDE) {
            throw new OrchestrateException(ExitCode.USAGE, "--max-budget-usd: " + profile.get().profileName()
                    + " reports no cost, so no budget can be kept; it works with claude (or a command line that prints"
                    + " Claude's JSON result)");
        }
        return Optional.of(new AgentBudget(request.maxBudgetUsd().get()));
    }

    private static List<PlannedTask> agentTasks(ExecutionPlan plan) {
        return plan.tasks().values().stream().filter(t -> !t.alreadyDone() && t.executor() == Executor.AGENT).toList();
    }
}
