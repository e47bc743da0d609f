package dev.orchestrate.session;

/** The session folder cannot be created, locked or written: a critical failure (exit 3). */
public final class SessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
