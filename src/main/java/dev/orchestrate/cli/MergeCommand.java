package dev.orchestrate.cli;

import dev.orchestrate.OrchestrateException;
import dev.orchestrate.merge.MergedReport;
import dev.orchestrate.merge.SessionMerge;
import dev.orchestrate.run.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrate merge}: the session folders of several jobs as the reports of one run. */
@Command(
        name = "merge",
        // help and version options, layout and headings: OrchestrateCommand's, inherited
        description = "Combines the session folders of several jobs (each ran some tasks of one task file) into one "
                + "summary.json, junit.xml and timeline.html (a row per job) in DIR, as if one run had run them: "
                + "a task no job ran is skipped when a task it waits for failed. With --ready ID, says instead "
                + "whether task ID may run now (exit 0) or is blocked by an earlier result (exit 1).",
        exitCodeList = {
            "0:every task completed (or was already done); with --ready: the task may run",
            "1:at least one task failed or was skipped; with --ready: the task is blocked",
            "2:usage error: a folder that does not exist, an unreadable session file",
            "3:the merged run had a critical failure (every P0 task given up)",
        })
public final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SESSION_DIR",
            description = "Session folders, or folders holding them (an artifact download).")
    List<Path> sessions;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "merged-session",
            description = "Where the merged session folder goes (default: ${DEFAULT-VALUE}); an earlier one there is renamed.")
    Path output;

    @Option(names = "--ready", paramLabel = "ID", description = "Only say whether task ID may run now; write nothing.")
    String ready;

    @Option(names = "--changes", description = "Only print the changes.patch file of each session, in plan order (a CI job applies them before its task); write nothing.")
    boolean changes;

    @Override
    public Integer call() {
        return OrchestrateException.translating(this::merge);
    }

    private int merge() {
        Path workingDir = Path.of("").toAbsolutePath();
        SessionMerge merge;
        try {
            merge = SessionMerge.of(sessions.stream().map(p -> workingDir.resolve(p).normalize()).toList());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (changes) {
            merge.changes().forEach(out::println);
            out.flush();
            return ExitCode.OK.code();
        }
        if (ready != null) {
            Optional<String> blocked = merge.blocked(ready);
            out.println(blocked.map(why -> ready + " is not run: " + why).orElse(ready + " may run"));
            out.flush();
            return (blocked.isPresent() ? ExitCode.TASK_FAILED : ExitCode.OK).code();
        }
        int exitCode;
        try {
            exitCode = MergedReport.write(merge, workingDir.resolve(output).normalize(), Clock.systemUTC(), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "-o " + e.getMessage());
        }
        var r = merge.result();
        out.println("Merged " + merge.sessions() + " session folders into " + output + ": "
                + r.count(dev.orchestrate.run.TaskStatus.COMPLETED) + " completed, "
                + r.count(dev.orchestrate.run.TaskStatus.FAILED) + " failed, "
                + r.count(dev.orchestrate.run.TaskStatus.SKIPPED) + " skipped, "
                + r.count(dev.orchestrate.run.TaskStatus.NOT_RUN) + " not run"
                + r.agentUsage().flatMap(u -> u.costUsd()).map(c -> String.format(java.util.Locale.ROOT, ", $%.2f agent cost", c)).orElse(""));
        out.flush();
        return exitCode;
    }
}
