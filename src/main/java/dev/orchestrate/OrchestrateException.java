package dev.orchestrate;

/** A known reason to stop, with the one line the user sees and the exit code of SPEC §1. */
public final class OrchestrateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int USAGE = 2;
    public static final int CRITICAL = 3;

    private final int exitCode;

    public OrchestrateException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
