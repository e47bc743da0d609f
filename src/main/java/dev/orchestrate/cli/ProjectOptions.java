package dev.orchestrate.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the tasks apply and which of them count, alike for a run and for {@code export}: {@code --root}, {@code --include-done}. */
final class ProjectOptions {

    @Option(names = {"-C", "--root"}, paramLabel = "DIR",
            description = "The project the tasks apply to. Default: the git work tree holding the task file, else the current directory.")
    Path root;

    @Option(names = "--include-done", description = "Also run tasks the file marks done ([x]).")
    boolean includeDone;

    Optional<Path> root() {
        return Optional.ofNullable(root);
    }
}
