package dev.orchestrate.cli;

import dev.orchestrate.select.SelectionRequest;
import dev.orchestrate.select.SelectionRequest.Dependencies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Running part of a plan, and resuming an earlier session: {@code --only}, {@code --from}, {@code --list}, {@code --resume}. */
final class SelectionOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DependencyMode deps;

    @Option(names = "--list", description = "Print the tasks (id, status, priority, executor, title; tab-separated) instead of running them; with --json, one JSON object per task.")
    boolean list;

    @Option(names = "--resume", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
            description = "Run again only what the newest earlier session of this task file (or DIR) did not complete: failed, skipped, stopped, not run, changed tasks and what depends on them.")
    String resume;

    static final class Choice {
        @Option(names = "--only", paramLabel = "IDS", split = ",", required = true,
                description = "Run just these tasks: ids, ranges (T004-T009, 2.1-2.4), phase names (\"Phase 2\", Setup); comma-separated.")
        List<String> only = new ArrayList<>();

        @Option(names = "--from", paramLabel = "ID", required = true,
                description = "Run that task and everything after it in plan order.")
        String from;
    }

    static final class DependencyMode {
        @Option(names = "--with-deps", required = true, description = "With --only: also run the dependencies of the chosen tasks that are not done.")
        boolean withDeps;

        @Option(names = "--no-deps", required = true,
                description = "With --only: take the dependencies of the chosen tasks as done elsewhere (a CI job ordered after them).")
        boolean noDeps;
    }

    /**
     * The request; {@code taskFile} is the TASK_FILE parameter, which a bare {@code --resume} followed by a
     * task file would otherwise swallow as its DIR.
     *
     * @return the request, and the task file the user meant when {@code --resume} took it
     * @throws IllegalArgumentException with the message of a usage error
     */
    Read read(Path taskFile) {
        if (deps != null && (choice == null || choice.only.isEmpty())) {
            throw new IllegalArgumentException((deps.withDeps ? "--with-deps" : "--no-deps") + " goes with --only");
        }
        List<String> only = choice == null ? List.of() : choice.only;
        Optional<String> from = choice == null ? Optional.empty() : Optional.ofNullable(choice.from);
        Dependencies mode = deps == null ? Dependencies.REQUIRED : deps.withDeps ? Dependencies.ADDED : Dependencies.ASSUMED_DONE;
        Optional<Optional<Path>> resumed = Optional.empty();
        Path file = taskFile;
        if (resume != null) {
            if (resume.isEmpty()) {
                resumed = Optional.of(Optional.empty());
            } else if (taskFile == null && Files.isRegularFile(Path.of(resume))) {
                file = Path.of(resume); // orchestrate --resume tasks.md
                resumed = Optional.of(Optional.empty());
            } else {
                resumed = Optional.of(Optional.of(Path.of(resume)));
            }
        }
        return new Read(new SelectionRequest(only, from, mode, list, resumed), file);
    }

    record Read(SelectionRequest request, Path taskFile) {
    }
}
