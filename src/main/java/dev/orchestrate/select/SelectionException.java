package dev.orchestrate.select;

/** What the user asked to choose or resume cannot be done: a usage error (exit 2), in one line. */
public final class SelectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SelectionException(String message) {
        super(message);
    }
}
