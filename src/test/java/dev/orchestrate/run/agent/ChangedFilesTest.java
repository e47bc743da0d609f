package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real git repository in a temp folder, changed the way an agent would change it. */
class ChangedFilesTest {

    @TempDir
    Path repo;

    static void git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main",
                "-c", "commit.gpgsign=false"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s", String.join(" ", args)).isZero();
    }

    /** The snapshot before an attempt, with docs/guide.md already edited by a person. */
    private ChangedFiles.Snapshot afterAPersonEditedTheGuide(ChangedFiles files) throws IOException {
        Files.writeString(repo.resolve("docs/guide.md"), "# Guide, edited by a person\n");
        return files.snapshot();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @BeforeEach
    void commitASmallProject() throws Exception {
        write(repo.resolve("src/app.ts"), "export const app = 1;\n");
        write(repo.resolve("src/util.ts"), "export const util = 1;\n");
        write(repo.resolve("docs/guide.md"), "# Guide\n");
        write(repo.resolve("README.md"), "# Demo\n");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "initial");
    }

    @Test
    void aFileChangedOutsideTheDeclaredOnesIsReported() throws Exception {
        ChangedFiles files = new ChangedFiles(repo);
        ChangedFiles.Snapshot before = files.snapshot();

        Files.writeString(repo.resolve("src/app.ts"), "export const app = 2;\n");
        Files.writeString(repo.resolve("README.md"), "# Demo, changed by the agent\n");
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(before.gitTree()).isTrue();
        assertThat(ChangedFiles.changed(before, after)).containsExactly("README.md", "src/app.ts");
        assertThat(ChangedFiles.outsideDeclared(before, after, List.of("src/app.ts"))).containsExactly("README.md");
    }

    @Test
    void aDeclaredGlobCoversThePathsItMatches() {
        ChangedFiles.Snapshot before = new ChangedFiles.Snapshot(true, java.util.Map.of());
        ChangedFiles.Snapshot after = new ChangedFiles.Snapshot(true, java.util.Map.of(
                "src/a/one.ts", "?? 1:1", "src/two.ts", "?? 1:2", "src/three.js", "?? 1:3", "docs/x.md", "?? 1:4"));

        assertThat(ChangedFiles.outsideDeclared(before, after, List.of("src/**/*.ts")))
                .containsExactly("docs/x.md", "src/three.js");
    }

    @Test
    void aSnapshotGitCouldNotTakeReportsNothing() {
        ChangedFiles.Snapshot dirty = new ChangedFiles.Snapshot(true, java.util.Map.of("notes.txt", " M 1:1"));

        assertThat(ChangedFiles.outsideDeclared(dirty, ChangedFiles.Snapshot.NOT_GIT, List.of())).isEmpty();
        assertThat(ChangedFiles.outsideDeclared(ChangedFiles.Snapshot.NOT_GIT, dirty, List.of())).isEmpty();
    }

    @Test
    void aDeclaredDirectoryCoversEverythingUnderIt() throws Exception {
        ChangedFiles files = new ChangedFiles(repo);
        ChangedFiles.Snapshot before = files.snapshot();

        write(repo.resolve("src/new/deep/file.ts"), "new\n");
        Files.writeString(repo.resolve("src/util.ts"), "changed\n");
        write(repo.resolve("srcx/other.ts"), "not under src\n");
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(ChangedFiles.outsideDeclared(before, after, List.of("./src/"))).containsExactly("srcx/other.ts");
    }

    @Test
    void aFileAlreadyDirtyBeforeTheAttemptAndChangedAgainIsCaught() throws Exception {
        ChangedFiles files = new ChangedFiles(repo);
        ChangedFiles.Snapshot before = afterAPersonEditedTheGuide(files);

        Files.writeString(repo.resolve("docs/guide.md"), "# Guide, edited again by the agent\n");
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(ChangedFiles.outsideDeclared(before, after, List.of("src/app.ts"))).containsExactly("docs/guide.md");
    }

    @Test
    void aFileDirtyBeforeAndLeftAloneIsNotReported() throws Exception {
        ChangedFiles files = new ChangedFiles(repo);
        ChangedFiles.Snapshot before = afterAPersonEditedTheGuide(files);
        Files.writeString(repo.resolve("src/app.ts"), "declared change\n");

        assertThat(ChangedFiles.outsideDeclared(before, files.snapshot(), List.of("src/app.ts"))).isEmpty();
    }

    @Test
    void aRenameReportsBothTheOldAndTheNewPath() throws Exception {
        ChangedFiles files = new ChangedFiles(repo);
        ChangedFiles.Snapshot before = files.snapshot();

        Files.createDirectories(repo.resolve("lib"));
        git(repo, "mv", "src/util.ts", "lib/helpers.ts");
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(after.entries()).containsKeys("lib/helpers.ts", "src/util.ts");
        assertThat(ChangedFiles.outsideDeclared(before, after, List.of("src/util.ts"))).containsExactly("lib/helpers.ts");
        assertThat(ChangedFiles.outsideDeclared(before, after, List.of())).containsExactly("lib/helpers.ts", "src/util.ts");
    }

    @Test
    void deletedAndRevertedFilesCountAsChanged() throws Exception {
        Files.writeString(repo.resolve("docs/guide.md"), "dirty before\n");
        ChangedFiles files = new ChangedFiles(repo);
        ChangedFiles.Snapshot before = files.snapshot();

        Files.delete(repo.resolve("README.md"));
        git(repo, "checkout", "--", "docs/guide.md");
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(ChangedFiles.outsideDeclared(before, after, List.of())).containsExactly("README.md", "docs/guide.md");
    }

    @Test
    void pathsAreRelativeToTheProjectRootEvenInASubfolderOfTheRepository() throws Exception {
        ChangedFiles files = new ChangedFiles(repo.resolve("src"));
        ChangedFiles.Snapshot before = files.snapshot();

        Files.writeString(repo.resolve("src/app.ts"), "changed\n");
        Files.writeString(repo.resolve("README.md"), "changed\n");
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(ChangedFiles.outsideDeclared(before, after, List.of("app.ts"))).containsExactly("../README.md");
    }

    @Test
    void theSessionFolderIsNeverReported() throws Exception {
        Path session = repo.resolve(".tmp/20261125-tasks/parallel-session");
        ChangedFiles files = new ChangedFiles(repo, Duration.ofSeconds(20), List.of(session));
        ChangedFiles.Snapshot before = files.snapshot();

        write(session.resolve("logs/T001.log"), "log\n");
        Files.writeString(repo.resolve("src/app.ts"), "x\n", StandardOpenOption.APPEND);
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(ChangedFiles.outsideDeclared(before, after, List.of())).containsExactly("src/app.ts");
    }

    @Test
    void outsideAGitWorkTreeNothingIsReportedAndNothingFails(@TempDir Path plain) throws Exception {
        ChangedFiles files = new ChangedFiles(plain);
        ChangedFiles.Snapshot before = files.snapshot();
        write(plain.resolve("anything.txt"), "x\n");
        ChangedFiles.Snapshot after = files.snapshot();

        assertThat(before).isEqualTo(ChangedFiles.Snapshot.NOT_GIT);
        assertThat(ChangedFiles.outsideDeclared(before, after, List.of())).isEmpty();
    }

    @Test
    void declaredPathsAreNormalised() {
        assertThat(ChangedFiles.normalise("./src/a.ts")).isEqualTo("src/a.ts");
        assertThat(ChangedFiles.normalise("src\\dir\\")).isEqualTo("src/dir");
        assertThat(ChangedFiles.normalise("src/../lib/x")).isEqualTo("lib/x");
        assertThat(ChangedFiles.normalise(".")).isEmpty();
    }
}
