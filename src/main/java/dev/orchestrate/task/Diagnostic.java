package dev.orchestrate.task;

import java.nio.file.Path;

/** A warning about a task file: printed, and the run goes on. */
public record Diagnostic(Path file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
