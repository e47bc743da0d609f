package dev.orchestrate.scout;

import static dev.orchestrate.JsonNodes.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.session.Json;
import dev.orchestrate.worktree.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoutTest {

    @TempDir
    Path dir;

    private GitRepo mavenRepo() {
        return GitRepo.init(dir)
                .write(".gitignore", "ignored/\n*.log\n")
                .write("pom.xml", "<project><dependencies><dependency>junit-jupiter</dependency></dependencies></project>\n")
                .write("README.md", "# demo\n")
                .write("src/main/java/demo/Main.java", "class Main {}\n")
                .write("src/main/java/demo/Service.java", "class Service {}\n")
                .write("src/test/java/demo/ServiceTest.java", "class ServiceTest {}\n")
                .write("ignored/Hidden.java", "class Hidden {}\n")
                .write("debug.log", "noise\n")
                .commitAll("first");
    }

    @Test
    void listsFilesThroughGitAndHonoursGitignore() {
        mavenRepo();

        Context context = Scout.discover(dir, List.of());

        assertThat(context.languages()).containsExactly(Map.entry("Java", 3), Map.entry("Markdown", 1), Map.entry("XML", 1));
        assertThat(context.warnings()).isEmpty();
        assertThat(context.root()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void recordsBranchCommitAndACleanWorkTree() {
        GitRepo repo = mavenRepo();

        Context.Vcs vcs = Scout.discover(dir, List.of()).vcs();

        assertThat(vcs.branch()).isEqualTo("main");
        assertThat(vcs.commit()).isEqualTo(repo.head());
        assertThat(vcs.dirty()).isFalse();
    }

    @Test
    void aModifiedTrackedFileMakesTheWorkTreeDirty() {
        GitRepo repo = mavenRepo();
        repo.write("README.md", "# changed\n");

        assertThat(Scout.discover(dir, List.of()).vcs().dirty()).isTrue();
    }

    @Test
    void anUntrackedFileMakesTheWorkTreeDirtyAndIsCounted() {
        GitRepo repo = mavenRepo();
        repo.write("src/main/java/demo/New.java", "class New {}\n");

        Context context = Scout.discover(dir, List.of());

        assertThat(context.vcs().dirty()).isTrue();
        assertThat(context.languages()).containsEntry("Java", 4);
    }

    @Test
    void anIgnoredFileLeavesTheWorkTreeClean() {
        GitRepo repo = mavenRepo();
        repo.write("other.log", "more noise\n");

        assertThat(Scout.discover(dir, List.of()).vcs().dirty()).isFalse();
    }

    @Test
    void aDetachedHeadHasACommitButNoBranch() {
        GitRepo repo = mavenRepo();
        repo.git("checkout", "-q", "--detach", "HEAD");

        Context.Vcs vcs = Scout.discover(dir, List.of()).vcs();

        assertThat(vcs.branch()).isNull();
        assertThat(vcs.commit()).isEqualTo(repo.head());
    }

    @Test
    void aRepositoryWithoutCommitsHasABranchButNoCommitAndNoWarning() {
        GitRepo.init(dir).write("app.py", "print(1)\n");

        Context context = Scout.discover(dir, List.of());

        assertThat(context.vcs().branch()).isEqualTo("main");
        assertThat(context.vcs().commit()).isNull();
        assertThat(context.vcs().dirty()).isTrue();
        assertThat(context.hotFiles()).isEmpty();
        assertThat(context.languages()).containsExactly(Map.entry("Python", 1));
        assertThat(context.warnings()).isEmpty();
    }

    @Test
    void hotFilesCountHowOftenEachExistingFileChangedInRecentHistory() {
        GitRepo repo = mavenRepo();
        for (int i = 0; i < 4; i++) {
            repo.write("src/main/java/demo/Service.java", "class Service { int v = " + i + "; }\n").commitAll("service " + i);
        }
        repo.write("README.md", "# twice\n").commitAll("readme");
        repo.write("gone.txt", "x\n").commitAll("add gone");
        repo.write("gone.txt", "y\n").commitAll("change gone");
        repo.write("gone.txt", "z\n").commitAll("change gone again");
        repo.git("rm", "-q", "gone.txt");
        repo.commitAll("remove gone");
        // tracked once, then untracked: still on disk but ignored, so not a file of the project
        repo.write("build.log", "1\n").git("add", "-f", "build.log");
        repo.commitAll("track the log by mistake");
        repo.write("build.log", "2\n").git("add", "-f", "build.log");
        repo.commitAll("again");
        repo.git("rm", "-q", "--cached", "build.log");
        repo.commitAll("untrack the log");

        List<Context.HotFile> hot = Scout.discover(dir, List.of()).hotFiles();

        assertThat(hot).first().isEqualTo(new Context.HotFile("src/main/java/demo/Service.java", 5));
        assertThat(hot.get(1)).isEqualTo(new Context.HotFile("README.md", 2));
        assertThat(hot).extracting(Context.HotFile::path)
                .doesNotContain("gone.txt", "build.log")
                .contains("pom.xml", ".gitignore", "src/main/java/demo/Main.java");
        assertThat(hot).extracting(Context.HotFile::modificationCount).isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void hotFilesKeepTheTwentyMostChanged() {
        GitRepo repo = GitRepo.init(dir);
        for (int i = 0; i < 30; i++) {
            repo.write("f" + i + ".txt", "x");
        }
        repo.commitAll("thirty files");

        assertThat(Scout.discover(dir, List.of()).hotFiles()).hasSize(Scout.HOT_FILES);
    }

    @Test
    void mentionedPathsSayWhetherEachExists() {
        mavenRepo();

        Context context = Scout.discover(dir, List.of("pom.xml", "src/main/java/demo/Main.java", "out/new.txt", "src/*.java", "pom.xml"));

        assertThat(context.mentionedPaths()).containsExactly(
                Map.entry("pom.xml", true),
                Map.entry("src/main/java/demo/Main.java", true),
                Map.entry("out/new.txt", false),
                Map.entry("src/*.java", false));
    }

    @Test
    void existsAnswersFromMentionedPathsThenFromTheFileSystem() throws IOException {
        mavenRepo();
        Context context = Scout.discover(dir, List.of("later.txt"));
        Files.writeString(dir.resolve("later.txt"), "created after the scout ran");

        assertThat(context.exists("later.txt")).as("the scout's answer holds").isFalse();
        assertThat(context.exists("README.md")).isTrue();
        assertThat(context.exists("nowhere/at/all.txt")).isFalse();
    }

    @Test
    void structureNamesDirectoriesEntryPointsAndConfigFiles() {
        GitRepo repo = mavenRepo();
        repo.write(".github/workflows/ci.yml", "on: push\n")
                .write("mvnw", "#!/bin/sh\n")
                .write("docs/guide.md", "guide\n")
                .commitAll("more");

        Context.Structure structure = Scout.discover(dir, List.of()).structure();

        assertThat(structure.directories()).containsExactly(
                ".github", ".github/workflows", "docs", "src", "src/main", "src/main/java", "src/test", "src/test/java");
        assertThat(structure.entryPoints()).containsExactly("src/main/java/demo/Main.java");
        assertThat(structure.configFiles()).containsExactly(".gitignore", "mvnw", "pom.xml", ".github/workflows/ci.yml");
    }

    @Test
    void patternsOfAMavenProject() {
        GitRepo repo = mavenRepo();
        repo.write("mvnw", "#!/bin/sh\n").write("scripts/release.sh", "echo\n").commitAll("wrapper");

        Context context = Scout.discover(dir, List.of());
        Context.Patterns patterns = context.patterns();

        assertThat(patterns.buildSystem()).isEqualTo("maven");
        assertThat(patterns.testing()).isEqualTo("junit");
        assertThat(patterns.testFiles()).isEqualTo(new Context.TestFiles(1, List.of("src/test/java/demo/ServiceTest.java")));
        assertThat(patterns.buildScripts()).containsExactly("./mvnw", "scripts/release.sh");
        assertThat(context.testCommand()).isEqualTo("./mvnw test");
    }

    @Test
    void patternsOfAnNpmProjectComeFromPackageJson() {
        GitRepo.init(dir)
                .write("package.json", "{\"scripts\": {\"build\": \"tsc\", \"test\": \"vitest run\"},"
                        + " \"devDependencies\": {\"vitest\": \"^2\", \"typescript\": \"^5\"}}")
                .write("pnpm-lock.yaml", "lockfileVersion: 9\n")
                .write("src/index.ts", "export {}\n")
                .write("src/util.test.ts", "test()\n")
                .write("src/components/Button.spec.tsx", "test()\n")
                .commitAll("npm");

        Context context = Scout.discover(dir, List.of());
        Context.Patterns patterns = context.patterns();

        assertThat(patterns.buildSystem()).isEqualTo("pnpm");
        assertThat(patterns.testing()).isEqualTo("vitest");
        assertThat(patterns.testFiles().count()).isEqualTo(2);
        assertThat(patterns.buildScripts()).containsExactly("pnpm run build", "pnpm test");
        assertThat(context.structure().entryPoints()).containsExactly("src/index.ts");
        assertThat(context.testCommand()).isEqualTo("pnpm test");
    }

    @Test
    void patternsOfAPythonProjectWithMakeTargets() {
        GitRepo.init(dir)
                .write("pyproject.toml", "[tool.pytest.ini_options]\n")
                .write("Makefile", ".PHONY: test\nVAR := 1\ntest:\n\tpytest\nlint: test\n\truff .\n")
                .write("pkg/__main__.py", "\n")
                .write("tests/test_core.py", "def test(): pass\n")
                .commitAll("python");

        Context context = Scout.discover(dir, List.of());

        assertThat(context.patterns().buildSystem()).isEqualTo("pip");
        assertThat(context.patterns().testing()).isEqualTo("pytest");
        assertThat(context.patterns().buildScripts()).containsExactly("make test", "make lint");
        assertThat(context.patterns().testFiles().examples()).containsExactly("tests/test_core.py");
        assertThat(context.structure().entryPoints()).containsExactly("pkg/__main__.py");
        assertThat(context.testCommand()).isEqualTo("pytest");
    }

    @Test
    void aSubFolderOfARepositoryIsScoutedOnItsOwn() {
        GitRepo repo = GitRepo.init(dir)
                .write("service/go.mod", "module x\n")
                .write("service/main.go", "package main\n")
                .write("web/index.js", "1\n")
                .commitAll("two projects");
        repo.write("service/main.go", "package main // v2\n").commitAll("service change");

        Context context = Scout.discover(dir.resolve("service"), List.of("main.go"));

        assertThat(context.languages()).containsExactly(Map.entry("Go", 1));
        assertThat(context.patterns().buildSystem()).isEqualTo("go");
        assertThat(context.hotFiles()).containsExactly(new Context.HotFile("main.go", 2), new Context.HotFile("go.mod", 1));
        assertThat(context.mentionedPaths()).containsEntry("main.go", true);
        assertThat(context.vcs().branch()).isEqualTo("main");
    }

    @Test
    void aFolderOutsideGitIsWalkedSkippingBuildOutputAndSessions() throws IOException {
        write("src/app.py", "print(1)\n");
        write("src/lib/util.py", "x = 1\n");
        write("node_modules/left-pad/index.js", "module.exports = 1\n");
        write("target/Generated.java", "class Generated {}\n");
        write("parallel-session/context.json", "{}\n");
        write(".tmp/20240101-tasks/tasks.md", "- [ ] T001 do\n");
        write("requirements.txt", "pytest\n");

        Context context = Scout.discover(dir, List.of("src/app.py"));

        assertThat(context.languages()).containsExactly(Map.entry("Python", 2));
        assertThat(context.vcs()).isEqualTo(Context.Vcs.none());
        assertThat(context.hotFiles()).isEmpty();
        assertThat(context.patterns().testing()).isEqualTo("pytest");
        assertThat(context.mentionedPaths()).containsEntry("src/app.py", true);
        assertThat(context.warnings()).containsExactly("not a git work tree: files listed by walking the folder, no history");
    }

    @Test
    void anEmptyFolderGivesAnEmptyContext() {
        Context context = Scout.discover(dir, List.of("a.txt"));

        assertThat(context.languages()).isEmpty();
        assertThat(context.structure().directories()).isEmpty();
        assertThat(context.patterns().buildSystem()).isNull();
        assertThat(context.patterns().testing()).isNull();
        assertThat(context.patterns().testFiles().count()).isZero();
        assertThat(context.mentionedPaths()).containsExactly(Map.entry("a.txt", false));
        assertThat(context.warnings()).hasSize(1);
        assertThat(context.summary()).contains("no source files recognised");
    }

    @Test
    void aMissingRootIsAWarningNotAFailure() {
        Context context = Scout.discover(dir.resolve("nowhere"), List.of());

        assertThat(context.languages()).isEmpty();
        assertThat(context.warnings()).singleElement().asString().contains("is not a folder");
    }

    @Test
    void withoutAGitBinaryTheFolderIsWalked() {
        mavenRepo();

        Context context = Scout.discover(dir, List.of(), Clock.systemUTC(), "git-that-is-not-installed-anywhere");

        assertThat(context.warnings()).singleElement().asString().startsWith("git is not available");
        assertThat(context.vcs()).isEqualTo(Context.Vcs.none());
        // walking knows nothing of .gitignore, but it does skip .git itself
        assertThat(context.languages()).containsEntry("Java", 4);
        assertThat(context.structure().directories()).doesNotContain(".git");
    }

    @Test
    void anUnreadableSubFolderIsAWarningNotAFailure() throws IOException {
        write("src/ok.py", "1\n");
        write("secret/hidden.py", "2\n");
        Path secret = dir.resolve("secret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        try {
            assumeThat(Files.isReadable(secret))
                    .as("running as root: a chmod 000 folder stays readable, so there is nothing to test")
                    .isFalse();

            Context context = Scout.discover(dir, List.of());

            assertThat(context.languages()).containsExactly(Map.entry("Python", 1));
            assertThat(context.warnings()).anyMatch(w -> w.contains("secret") && w.contains("permission denied"));
        } finally {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void contextJsonHasExactlyTheSpecFields() {
        mavenRepo();
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

        JsonNode json = Json.mapper().valueToTree(Scout.discover(dir, List.of("pom.xml"), clock));

        assertThat(names(json)).containsExactly("discovered_at", "duration_ms", "root", "vcs", "languages", "structure",
                "patterns", "hot_files", "mentioned_paths", "warnings");
        assertThat(json.get("discovered_at").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(json.get("root").asText()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        assertThat(names(json.get("vcs"))).containsExactly("branch", "commit", "dirty");
        assertThat(names(json.get("structure"))).containsExactly("directories", "entry_points", "config_files");
        assertThat(names(json.get("patterns"))).containsExactly("build_system", "testing", "test_files", "build_scripts");
        assertThat(names(json.get("patterns").get("test_files"))).containsExactly("count", "examples");
        assertThat(names(json.get("hot_files").get(0))).containsExactly("path", "modification_count");
        assertThat(json.get("mentioned_paths").get("pom.xml").asBoolean()).isTrue();
        assertThat(json.get("languages").get("Java").asInt()).isEqualTo(3);
    }

    @Test
    void outsideGitTheVcsFieldsAreNull() {
        JsonNode json = Json.mapper().valueToTree(Scout.discover(dir, List.of()));

        assertThat(json.get("vcs").get("branch").isNull()).isTrue();
        assertThat(json.get("vcs").get("commit").isNull()).isTrue();
        assertThat(json.get("vcs").get("dirty").isNull()).isTrue();
    }

    @Test
    void summaryNamesLanguagesBuildSystemTestCommandAndHotFiles() {
        GitRepo repo = mavenRepo();
        repo.write("src/main/java/demo/Service.java", "class Service { int v; }\n").commitAll("service");

        String summary = Scout.discover(dir, List.of()).summary();

        assertThat(summary).contains("mostly Java", "maven", "`mvn test`", "junit", "1 test files",
                "src/main/java/demo/Service.java", "branch main");
        assertThat(summary.lines()).hasSize(1);
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

}
