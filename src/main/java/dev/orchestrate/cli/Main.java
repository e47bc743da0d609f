package dev.orchestrate.cli;

import dev.orchestrate.OrchestrateException;
import dev.orchestrate.run.ExitCode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/** The entry point of the jar: every known failure becomes one line and its exit code, never a stack trace. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // vfork starts each task's process without the jspawnhelper round trip (JDK 17 to 20, Linux;
        // later JDKs deprecate it and warn); a launch mechanism the user chose wins
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null && System.getProperty("os.name").startsWith("Linux")
                && Runtime.version().feature() < 21) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it with captured output. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new OrchestrateCommand())
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new Failures())
                .setExitCodeExceptionMapper(new ExitCodes())
                .setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpList());
        return NarrowHelp.install(commandLine);
    }

    /** A usage error is one line on stderr and exit 2. */
    private static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("orchestrate: " + oneLine(message(e)) + " (see orchestrate --help)");
            err.flush();
            return ExitCode.USAGE.code();
        }
    }

    /** Which exit code each failure ends the process with: the one place that decides it. */
    static final class ExitCodes implements IExitCodeExceptionMapper {
        @Override
        public int getExitCode(Throwable e) {
            if (e instanceof OrchestrateException known) {
                return known.exitCode().code();
            }
            return (e instanceof ParameterException ? ExitCode.USAGE : ExitCode.CRITICAL).code();
        }
    }

    /**
     * Known failures print their message; anything else is a bug, reported in one line. The commands
     * turn their packages' failures into {@link OrchestrateException}, so that is all this knows besides
     * usage errors. The code is {@link ExitCodes}'.
     */
    private static final class Failures implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            if (e instanceof ParameterException usage) {
                return new UsageErrors().handleParseException(usage, parseResult.originalArgs().toArray(String[]::new));
            }
            PrintWriter err = commandLine.getErr();
            if (e instanceof OrchestrateException) {
                err.println("orchestrate: " + oneLine(e.getMessage()));
            } else {
                err.println("orchestrate: internal error: " + oneLine(String.valueOf(e))
                        + " (the stack trace is in the session's orchestrate.log; --verbose prints it here)");
                if (commandLine.getCommand() instanceof OrchestrateCommand command && command.verbose()) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return commandLine.getExitCodeExceptionMapper().getExitCode(e);
        }
    }

    /**
     * The usage error in the user's words: a closed choice names its values ({@code --schedule must be
     * dag or groups, got 'random'}), picocli's own "Error: " prefix is dropped.
     */
    private static String message(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException && e.getArgSpec() instanceof OptionSpec option
                && option.type().isEnum()) {
            List<String> choices = Arrays.stream(option.type().getEnumConstants())
                    .map(c -> String.valueOf(c).toLowerCase(Locale.ROOT)).toList();
            String listed = choices.size() == 1 ? choices.get(0)
                    : String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
            return option.longestName() + " must be " + listed + ", got '" + e.getValue() + "'";
        }
        String message = String.valueOf(e.getMessage());
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
