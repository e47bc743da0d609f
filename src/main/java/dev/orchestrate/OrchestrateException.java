package dev.orchestrate;

import dev.orchestrate.run.ExitCode;

/**
 * A known reason to stop, with the one line the user sees and its {@link ExitCode}: the one exception
 * type that ends a run with a chosen code (final, so no other kind can claim one).
 */
public final class OrchestrateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public OrchestrateException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
