package dev.orchestrate.cli;

import dev.orchestrate.AgentRequest;
import dev.orchestrate.Orchestrator;
import dev.orchestrate.RunRequest;
import dev.orchestrate.event.Terminal;
import dev.orchestrate.run.Schedule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The command line of SPEC §1: options in, a {@link RunRequest} to the {@link Orchestrator}, an exit code out. */
@Command(
        name = "orchestrate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {ExportCommand.class, MergeCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true,
        // one paragraph: picocli wraps it to the screen, where hard breaks wrapped raggedly
        description = "Runs a markdown task file (tasks.md) in parallel: scouts the project, plans the tasks into "
                + "dependency-ordered groups and runs them on up to 5 workers, each as a shell command or by "
                + "handing it to a coding-agent CLI.",
        // the exit-code list is ExitCode's, set by Main.commandLine()
        exitCodeListHeading = "%nExit codes:%n")
public final class OrchestrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TASK_FILE",
            description = "The task file. Default: the newest .tmp/*/tasks.md, then tasks.md, TASKS.md, then a plan.md.")
    Path taskFile;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "5",
            description = "Worker count, 1 to 5 (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--agent", paramLabel = "CMD",
            description = "Coding-agent command for tasks with no shell command: claude, codex, aider, gemini, or a command line.")
    String agent;

    @Mixin
    AgentOptions agentOptions = new AgentOptions();

    @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "Per-attempt time limit (30s, 5m, 1h); a task's own Timeout: wins. Default: 30s for shell tasks, 30m for agent tasks.")
    Duration timeout;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts per task before it is given up (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--schedule", paramLabel = "dag|groups", defaultValue = "dag",
            description = "dag: a task starts as soon as it may; groups: group-by-group barriers (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = {"-C", "--root"}, paramLabel = "DIR",
            description = "The project the tasks apply to. Default: the git work tree holding the task file, else the current directory.")
    Path root;

    @Option(names = "--mark-done", description = "After the run, tick the checkbox of every completed task in the task file.")
    boolean markDone;

    @Option(names = "--dry-run", description = "Scout and plan only: write context.json and execution-plan.json, print the plan, run nothing.")
    boolean dryRun;

    @Option(names = "--session-dir", paramLabel = "DIR", description = "Where the session folder goes. Default: <task file's folder>/parallel-session.")
    Path sessionDir;

    @Option(names = "--include-done", description = "Also run tasks the file marks done ([x]).")
    boolean includeDone;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report of the tasks.")
    Path junit;

    @Option(names = "--json", description = "Print events as JSON lines on stdout instead of the human view.")
    boolean json;

    @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour: auto (a TTY without NO_COLOR), always or never (default: ${DEFAULT-VALUE}).")
    String color;

    @Option(names = "--ascii", description = "Replace emoji and box characters with ASCII.")
    boolean ascii;

    @Option(names = {"-q", "--quiet"}, description = "Fewer lines: failures and the summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "More lines: timings, scheduler overhead, the debug log on stderr.")
    boolean verbose;

    @Mixin
    OutputOptions outputOptions = new OutputOptions();

    @Mixin
    SelectionOptions selection = new SelectionOptions();

    @Mixin
    IsolationOptions isolation = new IsolationOptions();

    @Override
    public Integer call() {
        RunRequest request = request();
        Terminal terminal = Terminal.detect(colorMode(), ascii, json, request.verbosity());
        return new Orchestrator(request, terminal, Clock.systemUTC(), Path.of(""), System.getenv()).run();
    }

    RunRequest request() {
        if (workers < 1 || workers > RunRequest.MAX_WORKERS) {
            throw usage("--workers must be 1 to " + RunRequest.MAX_WORKERS + ", got " + workers);
        }
        if (maxAttempts < 1) {
            throw usage("--max-attempts must be 1 or more, got " + maxAttempts);
        }
        if (quiet && verbose) {
            throw usage("--quiet and --verbose cannot be used together");
        }
        if (agent != null && agent.isBlank()) {
            throw usage("--agent needs a command or a profile name (claude, codex, aider, gemini)");
        }
        if (selection.misuse() != null) {
            throw usage(selection.misuse());
        }
        SelectionOptions.Read chosen = selection.read(taskFile);
        Terminal.Verbosity verbosity = quiet ? Terminal.Verbosity.QUIET
                : verbose ? Terminal.Verbosity.VERBOSE : Terminal.Verbosity.NORMAL;
        AgentRequest agents;
        try {
            agents = agentOptions.request(workers);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new RunRequest(Optional.ofNullable(chosen.taskFile()), workers, Optional.ofNullable(agent),
                Optional.ofNullable(timeout), maxAttempts, schedule(), Optional.ofNullable(root), markDone, dryRun,
                Optional.ofNullable(sessionDir), includeDone, Optional.ofNullable(junit), verbosity,
                outputOptions.request(), chosen.request(), agents,
                isolation.request());
    }

    private Schedule schedule() {
        return switch (schedule) {
            case "dag" -> Schedule.DAG;
            case "groups" -> Schedule.GROUPS;
            default -> throw usage("--schedule must be dag or groups, got '" + schedule + "'");
        };
    }

    private Terminal.ColorMode colorMode() {
        return switch (color) {
            case "auto" -> Terminal.ColorMode.AUTO;
            case "always" -> Terminal.ColorMode.ALWAYS;
            case "never" -> Terminal.ColorMode.NEVER;
            default -> throw usage("--color must be auto, always or never, got '" + color + "'");
        };
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
