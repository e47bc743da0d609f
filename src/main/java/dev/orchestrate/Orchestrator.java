package dev.orchestrate;

import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlanDocument;
import dev.orchestrate.report.OutputPath;
import dev.orchestrate.report.PlanReport;
import dev.orchestrate.report.SelectionReport;
import dev.orchestrate.report.TaskList;
import dev.orchestrate.run.Coordinator;
import dev.orchestrate.run.EventListener;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.run.RunProcesses;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.RunSettings;
import dev.orchestrate.run.TaskExecutor;
import dev.orchestrate.run.agent.AgentBudget;
import dev.orchestrate.scout.Context;
import dev.orchestrate.select.EarlierSession;
import dev.orchestrate.select.Selection;
import dev.orchestrate.select.SelectionException;
import dev.orchestrate.select.SelectionRequest;
import dev.orchestrate.session.Session;
import dev.orchestrate.session.SessionLog;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import dev.orchestrate.task.TaskFileLocator;
import dev.orchestrate.task.TaskFileParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, start to end: task file → tasks → context → plan → run → events → reports.
 * Each step belongs to its package; this class only passes the data along and picks the exit code.
 */
public final class Orchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final RunRequest request;
    private final Invocation invocation;
    private final Terminal terminal;
    private final Clock clock;
    private final RunPaths paths;
    private final PlanningSteps planning;

    public Orchestrator(RunRequest request, Invocation invocation) {
        this.request = request;
        this.invocation = invocation;
        this.terminal = invocation.terminal();
        this.clock = invocation.clock();
        this.paths = new RunPaths(invocation.workingDir(), request, clock);
        this.planning = new PlanningSteps(request.execution().limits().planSettings(request.tasks().includeDone()), terminal);
    }

    /**
     * Runs the whole pipeline and returns the exit code of SPEC §1.
     *
     * @throws OrchestrateException for every known reason to stop; anything else is a bug
     */
    public int run() {
        return OrchestrateException.translating(this::runSteps);
    }

    private int runSteps() {
        AgentSetup agents = AgentSetup.of(request.execution().agents(), paths, invocation.environment());
        TaskFileLocator.Located located = paths.taskFile();
        Path taskFilePath = located.file();
        boolean listing = request.tasks().selection().list();
        if (!listing) {
            terminal.line("Using tasks from " + paths.display(taskFilePath));
        }

        paths.requireReadable(taskFilePath);
        TaskFile taskFile = TaskFileParser.parse(taskFilePath);
        taskFile.warnings().forEach(w -> terminal.error("warning: " + w));
        Path root = paths.root(taskFilePath);

        if (listing) {
            return list(taskFile, root, paths.sessionDir(located));
        }

        try (BeforeExecution early = BeforeExecution.guard(taskFile, clock)) {
            Session created = early.open(() -> {
                Path sessionPath = paths.sessionDir(located);
                requireUsable(sessionPath, root, taskFilePath);
                return Session.open(sessionPath, clock);
            });
            try (Session session = created) {
                session.crashedRun().ifPresent(this::warnCrashed);
                SessionLog.attach(session, request.results().output().verbosity() == Terminal.Verbosity.VERBOSE);
                try {
                    return run(taskFile, root, session, agents, early);
                } catch (RuntimeException e) {
                    LOG.error("run failed", e);
                    throw e;
                } finally {
                    SessionLog.detach();
                }
            }
        }
    }

    /** The session folder may be made there, and so may the JUnit report where it goes outside it. */
    private void requireUsable(Path sessionPath, Path root, Path taskFile) {
        Optional<String> refused = Session.refusal(sessionPath, root, taskFile);
        if (refused.isPresent()) {
            throw new OrchestrateException(ExitCode.USAGE, (request.results().sessionDir().isPresent() ? "--session-dir " : "session folder ")
                    + paths.display(sessionPath) + ": " + refused.get());
        }
        // a report inside the session folder goes where this run is about to create the folder
        request.results().junit().map(paths::absolute).filter(junit -> !junit.getParent().equals(paths.absolute(sessionPath)))
                .ifPresent(junit -> OutputPath.refusal(junit).ifPresent(why -> {
                    throw new OrchestrateException(ExitCode.USAGE, "--junit " + paths.display(junit) + ": " + why);
                }));
    }

    /** @param early the guard of the steps before execution; closed once the coordinator's own guard is in place */
    private int run(TaskFile taskFile, Path root, Session session, AgentSetup agents, BeforeExecution early) {
        LOG.info("task file {}, root {}, session {}", taskFile.path(), root, session.dir());
        Isolation isolation = null;
        try {
            Context context = planning.scout(taskFile, root, session);
            ExecutionPlan plan;
            Selection selection;
            Optional<AgentBudget> budget;
            try {
                plan = planning.plan(taskFile, context, session);
                early.planned(plan);
                selection = select(plan, session.dir(), false);
                // again, now with each task's hash and, when tasks are chosen or resumed, why each runs or not
                session.writeJson("execution-plan.json", selection.annotate(PlanDocument.of(plan)));
                if (request.dryRun()) {
                    early.close();
                    PlanReport.print(plan, taskFile.warnings(), taskFile.ordering(), terminal);
                    SelectionReport.print(selection, terminal, true);
                    terminal.line("Dry run: wrote " + paths.display(session.file("context.json")) + " and "
                            + paths.display(session.file("execution-plan.json")) + "; nothing was run.");
                    return ExitCode.OK.code();
                }
                SelectionReport.print(selection, terminal, false);
                plan = selection.apply(plan);
                budget = agents.requireReady(plan, root);
                isolation = Isolation.start(request.execution().isolation(), selection.resumedFrom().map(EarlierSession::dir), root,
                        session, clock, terminal, KILL_GRACE);
            } catch (TaskFileException | SelectionException | OrchestrateException e) {
                // a cycle, a choice that cannot be made, agent tasks refused: the run ends here, and its summary says why
                early.close();
                early.writeSummary(OrchestrateException.known(e).orElseThrow().exitCode(), e.getMessage());
                throw e;
            }
            TaskExecutor executor = isolation.wrap(agents.executor(plan, context, root, session, budget, terminal));
            return execute(plan, root, session, executor, early, selection, agents, budget, isolation);
        } finally {
            early.close();
            if (isolation != null) {
                isolation.close();
            }
        }
    }

    /** One line: the run before on this session path was killed (no summary), and what of it still runs. */
    private void warnCrashed(Session.CrashedRun crashed) {
        List<Long> alive = crashed.runId().map(RunProcesses::alive).orElse(List.of());
        terminal.error("warning: the earlier run on this session folder (" + crashed.owner() + ") ended without a summary"
                + " (killed or crashed); its folder is now " + paths.display(crashed.folder())
                + (alive.isEmpty() ? "" : "; its processes still running: " + alive.stream().map(String::valueOf)
                        .collect(Collectors.joining(", "))));
    }

    /** Which tasks run, and why ({@code --only}, {@code --from}, {@code --resume}); a usage error when it cannot be done. */
    private Selection select(ExecutionPlan plan, Path sessionDir, boolean includeCurrent) {
        SelectionRequest asked = request.tasks().selection();
        // --resume DIR naming the session folder itself: the run has just renamed that session, the newest one beside it
        SelectionRequest resolved = new SelectionRequest(asked.only(), asked.from(), asked.deps(), asked.list(),
                asked.resume().map(dir -> dir.map(paths::absolute).filter(d -> includeCurrent || !d.equals(sessionDir))));
        try {
            long start = System.nanoTime();
            Selection selection = Selection.forRun(plan, resolved, sessionDir,
                    new String(Files.readAllBytes(plan.taskFile()), StandardCharsets.UTF_8), includeCurrent);
            terminal.detail("Selected the tasks to run in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            return selection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --list}: scout and plan in memory, print the tasks; no session folder is made or renamed. */
    private int list(TaskFile taskFile, Path root, Path sessionDir) {
        ExecutionPlan plan = planning.planWithoutSession(taskFile, root);
        Selection selection = select(plan, sessionDir, true);
        selection.note().ifPresent(note -> terminal.error("orchestrate: --resume: " + note));
        TaskList.print(plan, selection, terminal);
        return ExitCode.OK.code();
    }

    /** @param early the guard of the steps before; closed once the coordinator's own guard is in place */
    private int execute(ExecutionPlan plan, Path root, Session session, TaskExecutor executor, BeforeExecution early,
                        Selection selection, AgentSetup agents, Optional<AgentBudget> budget, Isolation isolation) {
        RunRequest.Limits limits = request.execution().limits();
        RunSettings settings = new RunSettings(limits.workers(), limits.maxAttempts(), request.execution().schedule(), root,
                KILL_GRACE, Map.of(RunProcesses.RUN_ID, session.runId()))
                .withAgentLimits(agents.limits(budget));
        Reports reports = new Reports(plan, session, selection, request.results(), invocation);
        EventListener listeners = reports.listeners();
        Coordinator coordinator = new Coordinator(plan, session, settings, listeners, clock, executor);
        Interruption interruption = Interruption.guard(coordinator);
        early.close();
        try {
            RunResult result;
            try {
                result = coordinator.run();
            } finally {
                listeners.close();
            }
            int exitCode = reports.write(result);
            isolation.report(result);
            return exitCode;
        } finally {
            interruption.close();
        }
    }
}
