package dev.orchestrate.cli;

import dev.orchestrate.AgentRequest;
import dev.orchestrate.OrchestrateException;
import dev.orchestrate.RunPaths;
import dev.orchestrate.RunRequest;
import dev.orchestrate.export.CiFormat;
import dev.orchestrate.export.ExportSettings;
import dev.orchestrate.export.Exports;
import dev.orchestrate.export.PlanSource;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.session.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrate export}: the plan of a task file as a GitHub Actions, GitLab or Buildkite pipeline. */
@Command(
        name = "export",
        resourceBundle = "dev.orchestrate.cli.ExportCommand",
        // help and version options, layout and headings: OrchestrateCommand's, inherited
        description = "Writes the plan of a task file as a CI pipeline: a job per task, grouped and ordered as the plan "
                + "groups them, each running 'orchestrate TASK_FILE --only ID', and a report job that merges their "
                + "session folders (orchestrate merge).",
        exitCodeList = {
            "0:the pipeline was written",
            "2:usage error, invalid task file, or agent tasks without --agent",
        })
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "github-actions|gitlab|buildkite",
            description = "The CI engine: github-actions, gitlab or buildkite.")
    CiFormat format;

    @Parameters(arity = "0..1", paramLabel = "TASK_FILE",
            description = "The task file. Default: found as a run finds it (the newest .tmp/*/tasks.md, tasks.md, ...).")
    Path taskFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the pipeline to FILE instead of stdout.")
    Path output;

    @Mixin
    LimitOptions limits;

    @Option(names = "--agent", paramLabel = "CMD", description = "The --agent each job's run passes on, for tasks with no shell command.")
    String agent;

    @Mixin
    ProjectOptions project;

    @Option(names = "--orchestrate", paramLabel = "CMD", defaultValue = "orchestrate",
            description = "The command that runs orchestrate on the CI machine (default: ${DEFAULT-VALUE}), e.g. bin/orchestrate.")
    String orchestrate;

    @Option(names = "--reusable", description = "GitHub Actions: a reusable workflow (on: workflow_call) instead of one run on push.")
    boolean reusable;

    @Override
    public Integer call() throws IOException {
        RunRequest.Limits bounds;
        try {
            bounds = limits.limits();
            AgentRequest.command(Optional.ofNullable(agent));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (orchestrate.isBlank()) {
            throw usage("--orchestrate needs a command");
        }
        Path workingDir = Path.of("").toAbsolutePath();
        Path file = RunPaths.taskFile(workingDir, Optional.ofNullable(taskFile)).file();
        Path projectRoot = project.root().map(root -> workingDir.resolve(root).normalize()).orElse(null);
        if (projectRoot != null && !Files.isDirectory(projectRoot)) {
            throw usage("--root " + projectRoot + ": not a directory");
        }
        PlanSource source = OrchestrateException.translating(
                () -> PlanSource.load(file, projectRoot, workingDir, bounds.planSettings(project.includeDone)));
        PrintWriter err = spec.commandLine().getErr();
        source.taskFile().warnings().forEach(w -> err.println("warning: " + w));
        List<String> agentTasks = source.agentTasks();
        if (agent == null && !agentTasks.isEmpty()) {
            throw new OrchestrateException(ExitCode.USAGE, file + ":" + source.plan().task(agentTasks.get(0)).task().line()
                    + ": " + agentTasks.size() + " task(s) have no shell command and need --agent: "
                    + String.join(", ", agentTasks.subList(0, Math.min(10, agentTasks.size())))
                    + (agentTasks.size() > 10 ? ", and " + (agentTasks.size() - 10) + " more" : ""));
        }
        ExportSettings settings = new ExportSettings(source.taskFileInPipeline(), orchestrate, bounds.maxAttempts(),
                bounds.timeout(), Optional.ofNullable(agent), reusable);
        Exports.Export export = Exports.of(format, source.plan(), settings);
        export.notes().forEach(note -> err.println("note: " + note));
        if (output == null) {
            spec.commandLine().getOut().print(export.text());
            spec.commandLine().getOut().flush();
        } else {
            write(workingDir.resolve(output).normalize(), export.text());
            err.println("Wrote " + output + ": " + format + ", " + source.plan().groups().size() + " groups, "
                    + export.jobs() + " jobs");
        }
        err.flush();
        return ExitCode.OK.code();
    }

    /** A regular file (or a new one) is replaced atomically; anything else at that path is refused, never replaced. */
    private void write(Path file, String text) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw usage("-o " + file + ": exists and is not a regular file");
        }
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Json.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
