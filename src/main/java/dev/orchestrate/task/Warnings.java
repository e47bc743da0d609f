package dev.orchestrate.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the warnings of one task file, each with the line it is about. */
final class Warnings {

    private final Path file;
    private final List<Diagnostic> list = new ArrayList<>();

    Warnings(Path file) {
        this.file = file;
    }

    /** @param line 1-based, or 0 for the file as a whole */
    void add(int line, String message) {
        list.add(new Diagnostic(file, line, message));
    }

    /** The task file the warnings are about. */
    Path file() {
        return file;
    }

    List<Diagnostic> list() {
        return list;
    }
}
