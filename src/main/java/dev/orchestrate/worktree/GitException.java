package dev.orchestrate.worktree;

/** A git command failed, or isolation cannot work in this repository; the message is one line for the user. */
public final class GitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
