package dev.orchestrate;

import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.PlanDocument;
import dev.orchestrate.plan.PlanSettings;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.plan.Planner;
import dev.orchestrate.report.OutputPath;
import dev.orchestrate.report.PlanReport;
import dev.orchestrate.report.SelectionReport;
import dev.orchestrate.report.SummaryReport;
import dev.orchestrate.report.TaskList;
import dev.orchestrate.run.AgentExecutor;
import dev.orchestrate.run.Coordinator;
import dev.orchestrate.run.EventListener;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.run.RunProcesses;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.RunSettings;
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
import dev.orchestrate.scout.Scout;
import dev.orchestrate.select.EarlierSession;
import dev.orchestrate.select.Selection;
import dev.orchestrate.select.SelectionException;
import dev.orchestrate.select.SelectionRequest;
import dev.orchestrate.session.Session;
import dev.orchestrate.session.SessionLog;
import dev.orchestrate.task.Diagnostic;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import dev.orchestrate.task.TaskFileLocator;
import dev.orchestrate.task.TaskFileParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, start to end: task file → tasks → context → plan → run → events → reports.
 * Each step belongs to its package; this class only passes the data along and picks the exit code.
 */
public final class Orchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /** The largest task file read (SPEC §1): far above any real one, far below what fills the heap. */
    static final long MAX_TASK_FILE_BYTES = 16L * 1024 * 1024;

    private final RunRequest request;
    private final Terminal terminal;
    private final Clock clock;
    private final Path workingDir;
    private final Map<String, String> env;

    public Orchestrator(RunRequest request, Terminal terminal, Clock clock, Path workingDir, Map<String, String> env) {
        this.request = request;
        this.terminal = terminal;
        this.clock = clock;
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.env = Map.copyOf(env);
    }

    /** Runs the whole pipeline and returns the exit code of SPEC §1. */
    public int run() {
        Optional<AgentCommand> agent = agentCommand();
        TaskFileLocator.Located located = locateTaskFile();
        Path taskFilePath = located.file();
        boolean listing = request.tasks().selection().list();
        if (!listing) {
            terminal.line("Using tasks from " + display(taskFilePath));
        }

        requireTaskFileReadable(taskFilePath);
        TaskFile taskFile = TaskFileParser.parse(taskFilePath);
        taskFile.warnings().forEach(w -> terminal.error("warning: " + w));

        Path root = request.tasks().root().map(this::absolute).orElseGet(() -> projectRoot(taskFilePath));
        if (!Files.isDirectory(root)) {
            throw new OrchestrateException(ExitCode.USAGE, "--root " + root + ": not a directory");
        }

        if (listing) {
            return list(taskFile, root, sessionDir(located));
        }

        // from the moment the session folder exists, a stop signal leaves a summary in it
        Instant startedAt = clock.instant();
        AtomicReference<ExecutionPlan> planned = new AtomicReference<>();
        AtomicReference<Session> opened = new AtomicReference<>();
        Object opening = new Object();
        boolean[] signalled = {false};
        Interruption early = Interruption.beforeExecution(() -> {
            Session session;
            synchronized (opening) {
                signalled[0] = true;
                session = opened.get();
            }
            if (session != null) {
                writeSummaryBeforeExecution(taskFile, session, planned.get(), startedAt, ExitCode.INTERRUPTED.code(),
                        "interrupted before any task ran");
            }
        });
        try {
            Session created;
            synchronized (opening) {
                if (signalled[0]) {
                    throw new OrchestrateException(ExitCode.INTERRUPTED, "interrupted");
                }
                Path sessionPath = sessionDir(located);
                Optional<String> refused = Session.refusal(sessionPath, root, taskFilePath);
                if (refused.isPresent()) {
                    throw new OrchestrateException(ExitCode.USAGE, (request.results().sessionDir().isPresent() ? "--session-dir " : "session folder ") + display(sessionPath) + ": "
                            + refused.get());
                }
                // a report inside the session folder goes where this run is about to create the folder
                request.results().junit().map(this::absolute).filter(junit -> !junit.getParent().equals(absolute(sessionPath)))
                        .ifPresent(junit -> OutputPath.refusal(junit).ifPresent(why -> {
                            throw new OrchestrateException(ExitCode.USAGE, "--junit " + display(junit) + ": " + why);
                        }));
                created = Session.open(sessionPath, clock);
                opened.set(created);
            }
            try (Session session = created) {
                session.crashedRun().ifPresent(this::warnCrashed);
                SessionLog.attach(session, request.results().output().verbosity() == Terminal.Verbosity.VERBOSE);
                try {
                    return run(taskFile, root, session, agent, startedAt, planned, early);
                } catch (RuntimeException e) {
                    LOG.error("run failed", e);
                    throw e;
                } finally {
                    SessionLog.detach();
                }
            }
        } finally {
            early.close();
        }
    }

    private int run(TaskFile taskFile, Path root, Session session, Optional<AgentCommand> agent, Instant startedAt,
                    AtomicReference<ExecutionPlan> planned, Interruption early) {
        LOG.info("task file {}, root {}, session {}", taskFile.path(), root, session.dir());
        Isolation isolation = null;
        try {
            Context context = scout(taskFile, root, session);
            ExecutionPlan plan;
            Selection selection;
            Optional<AgentBudget> budget;
            try {
                plan = plan(taskFile, context, session);
                planned.set(plan);
                selection = select(plan, session.dir(), false);
                // again, now with each task's hash and, when tasks are chosen or resumed, why each runs or not
                session.writeJson("execution-plan.json", selection.annotate(PlanDocument.of(plan)));
                if (request.dryRun()) {
                    early.close();
                    PlanReport.print(plan, taskFile.warnings(), taskFile.ordering(), terminal);
                    SelectionReport.print(selection, terminal, true);
                    terminal.line("Dry run: wrote " + display(session.file("context.json")) + " and "
                            + display(session.file("execution-plan.json")) + "; nothing was run.");
                    return ExitCode.OK.code();
                }
                SelectionReport.print(selection, terminal, false);
                plan = selection.apply(plan);
                refuseAgentTasksWithoutAgent(taskFile, plan);
                requireRunnableAgent(plan, agent);
                budget = agentBudget(agent);
                requireLoggedInAgent(plan, agent, root);
                isolation = Isolation.start(request.execution().isolation(), selection.resumedFrom().map(EarlierSession::dir), root, session,
                        clock, terminal, KILL_GRACE);
            } catch (TaskFileException | OrchestrateException e) {
                // a cycle, agent tasks refused: the run ends here, and its summary says why
                int exitCode = (e instanceof OrchestrateException known ? known.exitCode() : ExitCode.USAGE).code();
                early.close();
                writeSummaryBeforeExecution(taskFile, session, planned.get(), startedAt, exitCode, e.getMessage());
                throw e;
            }
            return execute(plan, root, session, isolation.wrap(executor(plan, context, root, session, agent, budget)), early,
                    selection, new AgentLimits(request.execution().agents().agentWorkers(), budget, agent), isolation);
        } finally {
            early.close();
            if (isolation != null) {
                isolation.close();
            }
        }
    }

    /**
     * A task file is a regular file of at most {@link #MAX_TASK_FILE_BYTES}: a FIFO would block the
     * read forever, {@code /dev/zero} would fill the heap.
     */
    private void requireTaskFileReadable(Path file) {
        if (!Files.exists(file)) {
            return; // the parser says so, with its own words
        }
        if (!Files.isRegularFile(file)) {
            throw new OrchestrateException(ExitCode.USAGE, display(file) + ": not a regular file"
                    + (Files.isDirectory(file) ? " (a folder)" : " (a device, a FIFO or a socket)"));
        }
        try {
            long size = Files.size(file);
            if (size > MAX_TASK_FILE_BYTES) {
                throw new OrchestrateException(ExitCode.USAGE, display(file) + ": " + size
                        + " bytes, more than a task file may have (" + MAX_TASK_FILE_BYTES / (1024 * 1024) + " MiB)");
            }
        } catch (java.io.IOException e) {
            throw new OrchestrateException(ExitCode.USAGE, display(file) + ": cannot be read: " + e.getMessage());
        }
    }

    /** One line: the run before on this session path was killed (no summary), and what of it still runs. */
    private void warnCrashed(Session.CrashedRun crashed) {
        List<Long> alive = crashed.runId().map(RunProcesses::alive).orElse(List.of());
        terminal.error("warning: the earlier run on this session folder (" + crashed.owner() + ") ended without a summary"
                + " (killed or crashed); its folder is now " + display(crashed.folder())
                + (alive.isEmpty() ? "" : "; its processes still running: " + alive.stream().map(String::valueOf)
                        .collect(Collectors.joining(", "))));
    }

    /** summary.json for a run that ended before any task ran: every task {@code not_run}, and why. */
    private void writeSummaryBeforeExecution(TaskFile taskFile, Session session, ExecutionPlan plan, Instant startedAt,
                                             int exitCode, String reason) {
        try {
            SummaryReport summary = plan == null
                    ? SummaryReport.withoutPlan(taskFile.path(), session.dir(), startedAt, clock.instant(), exitCode, reason)
                    : SummaryReport.beforeExecution(plan, session.dir(), startedAt, clock.instant(), exitCode, reason);
            summary.write(session.file("summary.json"));
        } catch (RuntimeException e) {
            LOG.error("cannot write summary.json", e);
        }
    }

    /** Shell tasks to the shell; agent tasks, with {@code --agent}, to the agent. */
    private TaskExecutor executor(ExecutionPlan plan, Context context, Path root, Session session, Optional<AgentCommand> agent,
                                  Optional<AgentBudget> budget) {
        Map<Executor, TaskExecutor> executors = new EnumMap<>(Executor.class);
        executors.put(Executor.SHELL, new ShellExecutor());
        agent.ifPresent(command -> {
            terminal.detail("Agent tasks run with " + command.describe());
            executors.put(Executor.AGENT, new AgentExecutor(command, plan, context.summary(), OutputWatch.DEFAULT_IDLE_LIMIT,
                    new ChangedFiles(root, ChangedFiles.DEFAULT_TIME_LIMIT, List.of(session.dir())), budget));
        });
        return TaskExecutor.byKind(executors);
    }

    /** {@code --agent CMD} read, its program found from where the user typed it; a usage error when it cannot be read. */
    private Optional<AgentCommand> agentCommand() {
        try {
            return request.execution().agents().command().map(cmd -> AgentCommand.parse(cmd).resolvedFrom(workingDir));
        } catch (IllegalArgumentException e) {
            throw new OrchestrateException(ExitCode.USAGE, e.getMessage());
        }
    }

    private Context scout(TaskFile taskFile, Path root, Session session) {
        Set<String> mentioned = new LinkedHashSet<>();
        taskFile.tasks().forEach(t -> t.files().stream().map(FileRef::path).forEach(mentioned::add));
        session.writeJson("messages/scout-inbox.json", message("scout",
                "session_folder", session.dir(), "root", root, "mentioned_paths", mentioned.size(), "output", "context.json"));
        Context context = Scout.discover(root, mentioned);
        session.writeJson("context.json", context);
        session.writeJson("messages/scout-outbox.json", message("scout",
                "status", "completed", "output", "context.json", "duration_ms", context.durationMs(),
                "warnings", context.warnings()));
        context.warnings().forEach(w -> LOG.warn("scout: {}", w));
        terminal.detail("Scouted " + root + " in " + context.durationMs() + " ms");
        return context;
    }

    private ExecutionPlan plan(TaskFile taskFile, Context context, Session session) {
        session.writeJson("messages/task-manager-inbox.json", message("task-manager",
                "session_folder", session.dir(), "task_file", taskFile.path(), "context", "context.json",
                "workers", request.execution().limits().workers(), "output", "execution-plan.json"));
        long start = System.nanoTime();
        ExecutionPlan plan = Planner.plan(taskFile, context, planSettings());
        long planMs = (System.nanoTime() - start) / 1_000_000;
        session.writeJson("execution-plan.json", PlanDocument.of(plan));
        session.writeJson("messages/task-manager-outbox.json", message("task-manager",
                "status", "completed", "output", "execution-plan.json", "total_tasks", plan.tasks().size(),
                "total_groups", plan.groups().size(), "duration_ms", planMs));
        terminal.detail("Planned " + plan.tasks().size() + " tasks into " + plan.groups().size() + " groups in " + planMs + " ms");
        return plan;
    }

    private PlanSettings planSettings() {
        return request.execution().limits().planSettings(request.tasks().includeDone());
    }

    /** Which tasks run, and why ({@code --only}, {@code --from}, {@code --resume}); a usage error when it cannot be done. */
    private Selection select(ExecutionPlan plan, Path sessionDir, boolean includeCurrent) {
        SelectionRequest asked = request.tasks().selection();
        // --resume DIR naming the session folder itself: the run has just renamed that session, the newest one beside it
        SelectionRequest resolved = new SelectionRequest(asked.only(), asked.from(), asked.deps(), asked.list(),
                asked.resume().map(dir -> dir.map(this::absolute).filter(d -> includeCurrent || !d.equals(sessionDir))));
        try {
            long start = System.nanoTime();
            Selection selection = Selection.forRun(plan, resolved, sessionDir,
                    new String(Files.readAllBytes(plan.taskFile()), java.nio.charset.StandardCharsets.UTF_8), includeCurrent);
            terminal.detail("Selected the tasks to run in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            return selection;
        } catch (SelectionException e) {
            throw new OrchestrateException(ExitCode.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --list}: scout and plan in memory, print the tasks; no session folder is made or renamed. */
    private int list(TaskFile taskFile, Path root, Path sessionDir) {
        Set<String> mentioned = new LinkedHashSet<>();
        taskFile.tasks().forEach(t -> t.files().stream().map(FileRef::path).forEach(mentioned::add));
        ExecutionPlan plan = Planner.plan(taskFile, Scout.discover(root, mentioned), planSettings());
        Selection selection = select(plan, sessionDir, true);
        selection.note().ifPresent(note -> terminal.error("orchestrate: --resume: " + note));
        TaskList.print(plan, selection, terminal);
        return 0;
    }

    private void refuseAgentTasksWithoutAgent(TaskFile taskFile, ExecutionPlan plan) {
        if (request.execution().agents().command().isPresent()) {
            return;
        }
        List<PlannedTask> agentTasks = plan.tasks().values().stream()
                .filter(t -> !t.alreadyDone() && t.executor() == Executor.AGENT)
                .collect(Collectors.toList());
        if (agentTasks.isEmpty()) {
            return;
        }
        String listed = agentTasks.stream().limit(10)
                .map(t -> t.id() + " (line " + t.task().line() + ")")
                .collect(Collectors.joining(", "));
        String more = agentTasks.size() > 10 ? ", and " + (agentTasks.size() - 10) + " more" : "";
        throw new OrchestrateException(ExitCode.USAGE, display(taskFile.path()) + ":" + agentTasks.get(0).task().line()
                + ": " + agentTasks.size() + " task(s) have no shell command and need --agent: " + listed + more);
    }

    /** @param early the guard of the steps before; closed once the coordinator's own guard is in place */
    private int execute(ExecutionPlan plan, Path root, Session session, TaskExecutor executor, Interruption early,
                        Selection selection, AgentLimits agentLimits, Isolation isolation) {
        RunSettings settings = new RunSettings(request.execution().limits().workers(), request.execution().limits().maxAttempts(), request.execution().schedule(), root, KILL_GRACE,
                Map.of(RunProcesses.RUN_ID, session.runId()))
                .withAgentLimits(agentLimits);
        Reports reports = new Reports(plan, session, request, terminal, clock, env, selection);
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

    /** Fails fast, before any task starts, when the agent's program cannot be run at all. */
    private void requireRunnableAgent(ExecutionPlan plan, Optional<AgentCommand> agent) {
        boolean agentTasks = plan.tasks().values().stream().anyMatch(t -> !t.alreadyDone() && t.executor() == Executor.AGENT);
        if (agent.isEmpty() || !agentTasks) {
            return;
        }
        AgentExecutor.notRunnable(agent.get(), env.get("PATH")).ifPresent(why -> {
            throw new OrchestrateException(ExitCode.USAGE, "--agent " + agent.get().source().strip() + ": " + why);
        });
    }

    /**
     * Asks the agent's CLI, where it offers a cheap way, whether it is logged in, before any task
     * starts (issue 12): not logged in is a critical failure, in one line naming the login command.
     */
    private void requireLoggedInAgent(ExecutionPlan plan, Optional<AgentCommand> agent, Path root) {
        boolean agentTasks = plan.tasks().values().stream().anyMatch(t -> !t.alreadyDone() && t.executor() == Executor.AGENT);
        if (agent.isEmpty() || !agentTasks) {
            return;
        }
        AgentPreCheck.refusal(agent.get(), env, root, AgentPreCheck.DEFAULT_LIMIT).ifPresent(why -> {
            throw new OrchestrateException(ExitCode.CRITICAL, why);
        });
    }

    /**
     * The run's agent budget, if {@code --max-budget-usd} asks for one; a usage error with a built-in
     * profile whose CLI reports no cost (codex, gemini, aider), since no budget could be kept.
     */
    private Optional<AgentBudget> agentBudget(Optional<AgentCommand> agent) {
        if (request.execution().agents().maxBudgetUsd().isEmpty() || agent.isEmpty()) {
            return Optional.empty();
        }
        Optional<AgentProfile> profile = agent.get().profile();
        if (profile.isPresent() && profile.get() != AgentProfile.CLAUDE) {
            throw new OrchestrateException(ExitCode.USAGE, "--max-budget-usd: " + profile.get().profileName()
                    + " reports no cost, so no budget can be kept; it works with claude (or a command line that prints"
                    + " Claude's JSON result)");
        }
        return Optional.of(new AgentBudget(request.execution().agents().maxBudgetUsd().get()));
    }

    private TaskFileLocator.Located locateTaskFile() {
        if (request.tasks().file().isPresent()) {
            Path file = absolute(request.tasks().file().get());
            return new TaskFileLocator.Located(file, false);
        }
        return TaskFileLocator.locate(workingDir).orElseThrow(() -> new OrchestrateException(ExitCode.USAGE,
                "no task file given and none found in " + workingDir + " (looked for "
                        + String.join(", ", TaskFileLocator.PLACES) + ")"));
    }

    private Path sessionDir(TaskFileLocator.Located located) {
        if (request.results().sessionDir().isPresent()) {
            return absolute(request.results().sessionDir().get());
        }
        if (located.plan()) {
            String stamp = STAMP.format(clock.instant().atZone(ZoneId.systemDefault()));
            return workingDir.resolve(".tmp").resolve(stamp + "-parallel").resolve("parallel-session");
        }
        return located.file().getParent().resolve("parallel-session");
    }

    /** The git work tree holding the task file, else the current directory (SPEC §1 {@code --root}). */
    private Path projectRoot(Path taskFile) {
        for (Path dir = taskFile.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return workingDir;
    }

    private Path absolute(Path path) {
        return workingDir.resolve(path).normalize();
    }

    private String display(Path path) {
        return path.startsWith(workingDir) ? workingDir.relativize(path).toString() : path.toString();
    }

    private static Map<String, Object> message(String agent, Object... keyValues) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("agent", agent);
        for (int i = 0; i < keyValues.length; i += 2) {
            message.put((String) keyValues[i], keyValues[i + 1]);
        }
        return message;
    }
}
