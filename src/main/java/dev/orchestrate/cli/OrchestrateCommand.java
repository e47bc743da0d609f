package dev.orchestrate.cli;

import dev.orchestrate.Invocation;
import dev.orchestrate.Orchestrator;
import dev.orchestrate.RunRequest;
import dev.orchestrate.run.Schedule;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The command line of SPEC §1: options in, a {@link RunRequest} to the {@link Orchestrator}, an exit code out. */
@Command(
        name = "orchestrate",
        // export and merge take the help and version options, the layout and the headings from here
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {ExportCommand.class, MergeCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true,
        // one paragraph (each command's): picocli wraps it to the screen, where hard breaks wrapped raggedly
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

    // each @Mixin is a group of options that builds one part of the RunRequest; picocli makes them
    @Mixin
    LimitOptions limits;

    @Option(names = "--schedule", paramLabel = "dag|groups", defaultValue = "dag",
            description = "dag: a task starts as soon as it may; groups: group-by-group barriers (default: ${DEFAULT-VALUE}).")
    Schedule schedule;

    @Mixin
    AgentOptions agents;

    @Mixin
    ProjectOptions project;

    @Option(names = "--dry-run", description = "Scout and plan only: write context.json and execution-plan.json, print the plan, run nothing.")
    boolean dryRun;

    @Mixin
    OutputOptions output;

    @Mixin
    SelectionOptions selection;

    @Mixin
    IsolationOptions isolation;

    @Override
    public Integer call() {
        RunRequest request = request();
        return new Orchestrator(request, Invocation.of(output.terminal())).run();
    }

    /** The request, each part built by its options; a check that fails is a usage error. */
    RunRequest request() {
        try {
            RunRequest.Limits bounds = limits.limits();
            SelectionOptions.Read chosen = selection.read(taskFile);
            RunRequest.Tasks tasks = new RunRequest.Tasks(Optional.ofNullable(chosen.taskFile()), project.root(),
                    project.includeDone, chosen.request());
            RunRequest.Execution execution = new RunRequest.Execution(bounds, schedule, agents.request(), isolation.request());
            return new RunRequest(tasks, execution, output.results(), dryRun);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --verbose}: an internal error prints its stack trace too. */
    boolean verbose() {
        return output.verbose();
    }
}
