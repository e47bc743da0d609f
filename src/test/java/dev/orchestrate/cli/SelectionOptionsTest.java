package dev.orchestrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.RunRequest;
import dev.orchestrate.select.SelectionRequest;
import dev.orchestrate.select.SelectionRequest.Dependencies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SelectionOptionsTest {

    private final StringWriter err = new StringWriter();

    private SelectionRequest parse(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs(args);
        RunRequest request = commandLine.<OrchestrateCommand>getCommand().request();
        return request.tasks().selection();
    }

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void onlyTakesCommaListsAndRepeats() {
        SelectionRequest request = parse("--only", "T001,T003-T005", "--only", "Phase 2", "--with-deps", "tasks.md");
        assertThat(request.only()).containsExactly("T001", "T003-T005", "Phase 2");
        assertThat(request.deps()).isEqualTo(Dependencies.ADDED);
        assertThat(parse("--only", "T001", "--no-deps").deps()).isEqualTo(Dependencies.ASSUMED_DONE);
        assertThat(parse("tasks.md").active()).isFalse();
    }

    @Test
    void resumeTakesAnOptionalFolderButNotTheTaskFile(@TempDir Path dir) throws Exception {
        assertThat(parse("--resume").resume()).contains(Optional.empty());
        assertThat(parse("--resume=" + dir).resume()).contains(Optional.of(dir));
        Path tasks = Files.writeString(dir.resolve("tasks.md"), "- [ ] T001 a\n");
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs("--resume", tasks.toString());
        RunRequest request = commandLine.<OrchestrateCommand>getCommand().request();
        assertThat(request.tasks().file()).contains(tasks);
        assertThat(request.tasks().selection().resume()).contains(Optional.empty());
    }

    @Test
    void onlyAndFromTogetherAndDependencyModesWithoutOnlyAreUsageErrors() {
        assertThat(run("--only", "T001", "--from", "T002", "tasks.md")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
        assertThat(run("--with-deps", "tasks.md")).isEqualTo(2);
        assertThat(err.toString()).contains("--with-deps goes with --only");
        assertThat(run("--only", "T001", "--with-deps", "--no-deps", "tasks.md")).isEqualTo(2);
    }

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("--only", "--with-deps", "--no-deps", "--from", "--list", "--resume");
        assertThat(List.of(out.toString().split("\n"))).isNotEmpty();
    }
}
