package dev.orchestrate;

import dev.orchestrate.run.ExitCode;
import dev.orchestrate.select.SelectionException;
import dev.orchestrate.session.SessionException;
import dev.orchestrate.task.TaskFileException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A known reason to stop, with the one line the user sees and its {@link ExitCode}: the one exception
 * type that ends a run with a chosen code (final, so no other kind can claim one). The packages' own
 * failures become one at the boundary of the commands ({@link #translating}), so the command line
 * knows this type, its own usage errors, and bugs.
 */
public final class OrchestrateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public OrchestrateException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public OrchestrateException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /**
     * A package's known failure as the code it ends the run with: a task file that cannot be read or
     * planned and a choice that cannot be made are usage errors, a session folder that cannot be
     * written is critical. Anything else is not known here: a bug.
     */
    public static Optional<OrchestrateException> known(Throwable e) {
        if (e instanceof OrchestrateException known) {
            return Optional.of(known);
        }
        if (e instanceof TaskFileException || e instanceof SelectionException) {
            return Optional.of(new OrchestrateException(ExitCode.USAGE, e.getMessage(), e));
        }
        if (e instanceof SessionException) {
            return Optional.of(new OrchestrateException(ExitCode.CRITICAL, e.getMessage(), e));
        }
        return Optional.empty();
    }

    /** Runs a command's work with the packages' known failures thrown as this type; anything else passes unchanged. */
    public static <T> T translating(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw known(e).map(RuntimeException.class::cast).orElse(e);
        }
    }
}
