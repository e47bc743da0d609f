package dev.orchestrate.cli;

import dev.orchestrate.OrchestrateException;
import dev.orchestrate.session.SessionException;
import dev.orchestrate.task.TaskFileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

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
        return NarrowHelp.install(new CommandLine(new OrchestrateCommand())
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new Failures())
                .setCaseInsensitiveEnumValuesAllowed(true));
    }

    /** A usage error is one line on stderr and exit 2. */
    private static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("orchestrate: " + oneLine(e.getMessage()) + " (see orchestrate --help)");
            err.flush();
            return OrchestrateException.USAGE;
        }
    }

    /** Known failures carry their message and exit code; anything else is a bug, reported in one line. */
    private static final class Failures implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            int code;
            if (e instanceof ParameterException usage) {
                return new UsageErrors().handleParseException(usage, parseResult.originalArgs().toArray(String[]::new));
            } else if (e instanceof TaskFileException taskFile) {
                err.println("orchestrate: " + oneLine(taskFile.getMessage()));
                code = OrchestrateException.USAGE;
            } else if (e instanceof OrchestrateException known) {
                err.println("orchestrate: " + oneLine(known.getMessage()));
                code = known.exitCode();
            } else if (e instanceof SessionException session) {
                err.println("orchestrate: " + oneLine(session.getMessage()));
                code = OrchestrateException.CRITICAL;
            } else {
                err.println("orchestrate: internal error: " + oneLine(String.valueOf(e))
                        + " (the stack trace is in the session's orchestrate.log; --verbose prints it here)");
                if (commandLine.getCommand() instanceof OrchestrateCommand command && command.verbose) {
                    e.printStackTrace(err);
                }
                code = OrchestrateException.CRITICAL;
            }
            err.flush();
            return code;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
