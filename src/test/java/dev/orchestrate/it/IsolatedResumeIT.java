package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrate.worktree.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} with {@code --isolation worktree} (issues 14 and 15): the resumed run continues
 * from the earlier run's integration branch, so the completed tasks' merged changes are there and
 * are not redone; its own branch starts at that tip and counts its commits from where the first run
 * started.
 */
class IsolatedResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    GitRepo repo;
    Path runs;

    @BeforeEach
    void repository() throws IOException {
        assumeTrue(GitRepo.gitCanMergeInMemory(), "needs git 2.38 or later on the PATH");
        repo = GitRepo.create(dir.resolve("project"), "notes.txt", "one\ntwo\n", ".gitignore", "parallel-session*/\n");
        runs = dir.resolve("runs.log");
        // T001 writes a.txt; T002 needs it, and fails until $FIXED exists; T003 needs T002's b.txt
        repo.write("tasks.md", """
                # Tasks

                ### T001: Write a
                ```bash
                echo T001 >> "$RUNS"
                echo a > a.txt
                ```

                ### T002: Write b
                **Depends**: T001

                ```bash
                echo T002 >> "$RUNS"
                test -f a.txt
                sleep "${T002_SLEEP:-0}"
                test -e "$FIXED"
                echo b > b.txt
                ```

                ### T003: Write c
                **Depends**: T002

                ```bash
                echo T003 >> "$RUNS"
                test -f b.txt
                echo c > c.txt
                ```
                """);
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "tasks");
    }

    private Map<String, String> env() {
        return Map.of("RUNS", runs.toString(), "FIXED", dir.resolve("fixed").toString());
    }

    private Jar.Result run(String... args) throws Exception {
        return Jar.run(repo.dir(), env(), Duration.ofSeconds(180), args);
    }

    private JsonNode integration() throws IOException {
        return JSON.readTree(repo.dir().resolve("parallel-session/integration.json").toFile());
    }

    private List<String> subjects(String range) {
        return repo.git("log", "--reverse", "--format=%s", range).lines().toList();
    }

    @Test
    void aResumedRunContinuesTheEarlierIntegrationBranchAndDoesNotRedoWhatItCompleted() throws Exception {
        Map<String, String> before = UserTree.state(repo);
        Jar.Result first = run("tasks.md", "--isolation", "worktree", "--max-attempts", "1");
        assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isNotZero();
        String earlier = integration().get("branch").asText();
        String base = integration().get("base").asText();
        assertThat(subjects(base + ".." + earlier)).containsExactly("T001: Write a");

        Files.writeString(dir.resolve("fixed"), "");
        Jar.Result resumed = run("tasks.md", "--isolation", "worktree", "--resume");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        assertThat(resumed.stdout()).contains("(continuing " + earlier + " at ");
        assertThat(Files.readAllLines(runs)).as("T001 ran once, in the first run").containsExactly("T001", "T002", "T002", "T003");
        String branch = integration().get("branch").asText();
        assertThat(branch).isNotEqualTo(earlier);
        assertThat(integration().get("continues").asText()).isEqualTo(earlier);
        assertThat(integration().get("base").asText()).isEqualTo(base);
        assertThat(subjects(base + ".." + branch)).containsExactly("T001: Write a", "T002: Write b", "T003: Write c");
        assertThat(repo.git("show", branch + ":c.txt")).isEqualTo("c\n");
        assertThat(subjects(base + ".." + earlier)).as("the earlier branch stays as it was").containsExactly("T001: Write a");
        assertThat(resumed.stdout()).contains("Integration branch " + branch + ": 3 commits");
        assertThat(UserTree.state(repo)).isEqualTo(before);

        Jar.Result applied = run("tasks.md", "--isolation", "worktree", "--resume", "--apply");
        assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();
        assertThat(applied.stdout()).contains("Applied: main fast-forwarded");
        assertThat(repo.git("show", "main:c.txt")).isEqualTo("c\n");
        assertThat(Files.readAllLines(runs)).as("nothing redone").hasSize(4);
    }

    @Test
    void afterKillMinus9TheResumedRunContinuesTheKilledRunsBranch() throws Exception {
        Files.writeString(dir.resolve("fixed"), "");
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("T002_SLEEP", "120");
        KilledRun.Killed killed = KilledRun.kill(repo.dir(), dir, env, "T002 started", Duration.ofMillis(300), true,
                "tasks.md", "--isolation", "worktree");
        String earlier = integration().get("branch").asText();
        String base = integration().get("base").asText();
        assertThat(subjects(base + ".." + earlier)).as(killed.stdout()).containsExactly("T001: Write a");

        Jar.Result resumed = run("tasks.md", "--isolation", "worktree", "--resume");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        assertThat(resumed.stdout()).contains("(continuing " + earlier + " at ");
        List<String> ran = Files.readAllLines(runs);
        assertThat(ran).as("T001 not redone; T002 redone").startsWith("T001").endsWith("T002", "T003").containsOnlyOnce("T001", "T003");
        String branch = integration().get("branch").asText();
        assertThat(subjects(base + ".." + branch)).containsExactly("T001: Write a", "T002: Write b", "T003: Write c");
        assertThat(UserTree.worktrees(repo)).hasSize(1);
    }

    @Test
    void resumingWhenTheEarlierIntegrationBranchIsGoneIsAUsageErrorInOneLine() throws Exception {
        Jar.Result first = run("tasks.md", "--isolation", "worktree", "--max-attempts", "1");
        assertThat(first.exitCode()).isNotZero();
        String earlier = integration().get("branch").asText();
        repo.git("branch", "-D", earlier);

        Jar.Result resumed = run("tasks.md", "--isolation", "worktree", "--resume");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isEqualTo(2);
        assertThat(resumed.stderr()).contains(earlier + " no longer exists").doesNotContain("Exception");
        assertThat(Files.readAllLines(runs)).as("nothing ran").containsExactly("T001", "T002");
    }
}
