package dev.orchestrate.cli;

import dev.orchestrate.OutputRequest;
import dev.orchestrate.RunRequest;
import dev.orchestrate.event.OutputMode;
import dev.orchestrate.event.Terminal;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What the run shows and leaves behind: the files ({@code --mark-done}, {@code --session-dir},
 * {@code --junit}) and the console ({@code --json}, {@code --color}, {@code --ascii}, {@code --quiet}
 * or {@code --verbose}, {@code --output}).
 */
final class OutputOptions {

    @Option(names = "--mark-done", description = "After the run, tick the checkbox of every completed task in the task file.")
    boolean markDone;

    @Option(names = "--session-dir", paramLabel = "DIR", description = "Where the session folder goes. Default: <task file's folder>/parallel-session.")
    Path sessionDir;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report of the tasks.")
    Path junit;

    @Option(names = "--json", description = "Print events as JSON lines on stdout instead of the human view.")
    boolean json;

    @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour: auto (a TTY without NO_COLOR), always or never (default: ${DEFAULT-VALUE}).")
    Terminal.ColorMode color;

    @Option(names = "--ascii", description = "Replace emoji and box characters with ASCII.")
    boolean ascii;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Lines lines;

    @Option(names = "--output", paramLabel = "failures|full|none", defaultValue = "failures",
            description = "Task output on the console: failures (the last lines of each failure), full (each task's output "
                    + "after it ends, grouped) or none (default: ${DEFAULT-VALUE}).")
    OutputMode output;

    /** {@code -q} or {@code -v}, never both. */
    static final class Lines {
        @Option(names = {"-q", "--quiet"}, required = true, description = "Fewer lines: failures and the summary.")
        boolean quiet;

        @Option(names = {"-v", "--verbose"}, required = true,
                description = "More lines: timings, scheduler overhead, the debug log on stderr.")
        boolean verbose;
    }

    RunRequest.Results results() {
        return new RunRequest.Results(new OutputRequest(verbosity(), output), Optional.ofNullable(sessionDir),
                Optional.ofNullable(junit), markDone);
    }

    Terminal terminal() {
        return Terminal.detect(color, ascii, json, verbosity());
    }

    boolean verbose() {
        return verbosity() == Terminal.Verbosity.VERBOSE;
    }

    private Terminal.Verbosity verbosity() {
        if (lines == null) {
            return Terminal.Verbosity.NORMAL;
        }
        return lines.quiet ? Terminal.Verbosity.QUIET : Terminal.Verbosity.VERBOSE;
    }
}
