package dev.orchestrate.cli;

import dev.orchestrate.Orchestrator;
import dev.orchestrate.RunRequest;
import java.nio.file.Path;
import java.time.Clock;
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

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Mixin
    AgentOptions agents = new AgentOptions();

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--dry-run", description = "Scout and plan only: write context.json and execution-plan.json, print the plan, run nothing.")
    boolean dryRun;

    @Mixin
    ResultOptions results = new ResultOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    SelectionOptions selection = new SelectionOptions();

    @Mixin
    IsolationOptions isolation = new IsolationOptions();

    @Override
    public Integer call() {
        RunRequest request = request();
        return new Orchestrator(request, output.terminal(), Clock.systemUTC(), Path.of(""), System.getenv()).run();
    }

    /** The request, each part built by its options; a check that fails is a usage error. */
    RunRequest request() {
        try {
            RunRequest.Limits bounds = limits.limits();
            SelectionOptions.Read chosen = selection.read(taskFile);
            RunRequest.Tasks tasks = new RunRequest.Tasks(Optional.ofNullable(chosen.taskFile()), project.root(),
                    project.includeDone, chosen.request());
            RunRequest.Execution execution = new RunRequest.Execution(bounds, limits.schedule, agents.request(),
                    isolation.request());
            return new RunRequest(tasks, execution, results.results(output.request()), dryRun);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --verbose}: an internal error prints its stack trace too. */
    boolean verbose() {
        return output.verbose();
    }
}
