package dev.orchestrate.cli;

import dev.orchestrate.OutputRequest;
import dev.orchestrate.RunRequest;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What a run leaves behind: {@code --mark-done}, {@code --session-dir}, {@code --junit}. */
final class ResultOptions {

    @Option(names = "--mark-done", description = "After the run, tick the checkbox of every completed task in the task file.")
    boolean markDone;

    @Option(names = "--session-dir", paramLabel = "DIR", description = "Where the session folder goes. Default: <task file's folder>/parallel-session.")
    Path sessionDir;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report of the tasks.")
    Path junit;

    RunRequest.Results results(OutputRequest output) {
        return new RunRequest.Results(output, Optional.ofNullable(sessionDir), Optional.ofNullable(junit), markDone);
    }
}
