package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrate.worktree.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --isolation worktree} and the checks through the real jar, on real git repositories (issue 14). */
class IsolationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    GitRepo repo;

    @BeforeEach
    void repository() throws IOException {
        assumeTrue(GitRepo.gitCanMergeInMemory(), "needs git 2.38 or later on the PATH");
        repo = GitRepo.create(dir.resolve("project"), "notes.txt", "one\ntwo\n", ".gitignore", "parallel-session*/\n.env\n");
    }

    private Jar.Result run(String... args) throws Exception {
        return Jar.run(repo.dir(), Map.of(), Duration.ofSeconds(180), args);
    }

    private void commitTasks(String text) throws IOException {
        repo.write("tasks.md", text);
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "tasks");
    }

    private JsonNode summary() throws IOException {
        return JSON.readTree(repo.dir().resolve("parallel-session/summary.json").toFile());
    }

    private JsonNode integration() throws IOException {
        return JSON.readTree(repo.dir().resolve("parallel-session/integration.json").toFile());
    }

    private List<String> integrationSubjects() throws IOException {
        List<String> subjects = new ArrayList<>();
        integration().get("commits").forEach(c -> subjects.add(c.get("subject").asText()));
        return subjects;
    }

    private List<String> worktrees() {
        return UserTree.worktrees(repo);
    }

    private Map<String, String> userState() throws Exception {
        return UserTree.state(repo);
    }

    /**
     * A stand-in agent that appends a line to notes.txt (a file no task declares). On its first
     * attempt it waits until every task named in $TOGETHER has started, so that they all work from
     * the same tip at the same time.
     */
    private Path notesAgent() throws IOException {
        Path agent = dir.resolve("notes-agent.sh");
        Files.writeString(agent, """
                #!/usr/bin/env bash
                set -eu
                prompt=$(cat)
                touch "$BARRIER/$ORCHESTRATE_TASK_ID.started"
                if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then
                  for other in $TOGETHER; do
                    for i in $(seq 1 600); do [ -e "$BARRIER/$other.started" ] && break; sleep 0.05; done
                  done
                fi
                echo "line from $ORCHESTRATE_TASK_ID" >> notes.txt
                printf '{"type":"result","subtype":"success","is_error":false,"result":"ok","num_turns":1,"total_cost_usd":0.01,"session_id":"s-%s"}\\n' "$ORCHESTRATE_TASK_ID"
                """);
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        return agent;
    }

    @Nested
    class Merging {

        @Test
        void twoAgentsEditingOneUndeclaredFileBothSucceedAndTheSecondMergeConflictsIsRetriedFromTheNewTipAndMerges() throws Exception {
            commitTasks("""
                    # Tasks
                    ## Phase 1: Notes
                    - [ ] T001 [P] Add a first line to the notes
                    - [ ] T002 [P] Add a second line to the notes
                    """);
            Path barrier = Files.createDirectories(dir.resolve("barrier"));
            Map<String, String> before = userState();

            Jar.Result result = Jar.run(repo.dir(), Map.of("BARRIER", barrier.toString(), "TOGETHER", "T001 T002"),
                    Duration.ofSeconds(180), "tasks.md", "--isolation", "worktree", "--agent", notesAgent().toString());

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(result.stdout()).contains("merge_conflict: notes.txt");
            JsonNode summary = summary();
            List<String> retried = new ArrayList<>();
            for (JsonNode task : summary.get("tasks")) {
                if (task.get("attempts").size() == 2) {
                    retried.add(task.get("id").asText());
                    assertThat(task.get("attempts").get(0).get("error").asText()).startsWith("merge_conflict: notes.txt");
                    assertThat(task.get("attempts").get(0).get("agent").get("failure").asText()).isEqualTo("merge_conflict");
                }
            }
            assertThat(retried).as("exactly one task conflicted and was retried").hasSize(1);
            String conflicted = retried.get(0);
            String prompt = Files.readString(repo.dir().resolve("parallel-session/logs/" + conflicted + ".prompt.md"));
            assertThat(prompt).contains("## Your previous attempt").contains("conflicted").contains("notes.txt");
            String branch = integration().get("branch").asText();
            assertThat(repo.git("show", branch + ":notes.txt")).contains("line from T001").contains("line from T002");
            assertThat(integrationSubjects()).hasSize(2).last().asString().startsWith(conflicted);
            assertThat(userState()).as("the user's tree, index and branch").isEqualTo(before);
            assertThat(result.stdout()).contains("Take it with: git merge " + branch);
        }

        @Test
        void aDependentTaskSeesItsDependencysChangeAndTheUsersTreeAndBranchStayByteIdentical() throws Exception {
            commitTasks("""
                    # Tasks

                    ### T001: Write the greeting
                    **Files**: `greeting.txt` (create)

                    ```bash
                    echo hello > greeting.txt
                    ```

                    ### T002: Use the greeting
                    **Depends**: T001

                    ```bash
                    test "$(cat greeting.txt)" = hello
                    echo "$(cat greeting.txt), world" > message.txt
                    ```
                    """);
            repo.write("notes.txt", "an uncommitted edit of the user's\n");
            Map<String, String> before = userState();

            Jar.Result result = run("tasks.md", "--isolation", "worktree");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(result.stdout()).contains("1 uncommitted change");
            assertThat(integrationSubjects()).containsExactly("T001: Write the greeting", "T002: Use the greeting");
            String branch = integration().get("branch").asText();
            assertThat(repo.git("show", branch + ":message.txt")).isEqualTo("hello, world\n");
            assertThat(repo.git("show", branch + ":notes.txt")).as("uncommitted changes are not taken along").isEqualTo("one\ntwo\n");
            assertThat(userState()).isEqualTo(before);
            assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
            assertThat(worktrees()).hasSize(1);
        }

        @Test
        void applyFastForwardsTheUsersBranchWhenItHasNotMoved() throws Exception {
            commitTasks("""
                    ### T001: Write a file
                    ```bash
                    echo done > done.txt
                    ```
                    """);
            Jar.Result result = run("tasks.md", "--isolation", "worktree", "--apply");
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(result.stdout()).contains("Applied: main fast-forwarded");
            assertThat(repo.dir().resolve("done.txt")).hasContent("done");
            assertThat(repo.git("log", "-1", "--format=%s").strip()).isEqualTo("T001: Write a file");
        }

        @Test
        void aTaskThatChangedNothingIsRecordedAsSuch() throws Exception {
            commitTasks("""
                    ### T001: Look around
                    ```bash
                    ls > /dev/null
                    ```
                    """);
            Jar.Result result = run("tasks.md", "--isolation", "worktree");
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(result.stdout()).contains("Changed nothing (no commit): T001");
            assertThat(integration().get("unchanged").get(0).asText()).isEqualTo("T001");
            assertThat(integration().get("commits")).isEmpty();
        }

        @Test
        void worktreeincludeFilesArriveAndSetupRunsInEachNewWorktree() throws Exception {
            repo.write(".env", "SECRET=42\n");
            repo.write(".worktreeinclude", ".env\n");
            commitTasks("""
                    ### T001: Read the secret
                    ```bash
                    test "$(cat .env)" = SECRET=42
                    test -f prepared.txt
                    echo ok > used-secret.txt
                    ```
                    """);
            Jar.Result result = run("tasks.md", "--isolation", "worktree", "--setup", "echo prepared > prepared.txt; echo set up");
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(Files.readString(repo.dir().resolve("parallel-session/logs/T001.log"))).contains("=== setup: ").contains("set up");
            assertThat(repo.git("show", integration().get("branch").asText() + ":used-secret.txt")).isEqualTo("ok\n");
        }

        @Test
        void outsideAGitWorkTreeIsAUsageErrorInOneLine() throws Exception {
            Path plain = Files.createDirectories(dir.resolve("plain"));
            Files.writeString(plain.resolve("tasks.md"), "### T001: x\n```bash\ntrue\n```\n");
            Jar.Result result = Jar.run(plain, Map.of(), Duration.ofSeconds(60), "tasks.md", "--isolation", "worktree");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr().strip()).contains("needs a git work tree").doesNotContain("\n");
        }
    }

    @Nested
    class Checks {

        @Test
        void aFailingCheckFailsTheTaskAsVerifyFailedAndBlocksItsDependents() throws Exception {
            commitTasks("""
                    ### T001: Write the config
                    **Verify**: `grep -q port=8080 config.ini`

                    ```bash
                    echo port=80 > config.ini
                    ```

                    ### T002: Use the config
                    **Depends**: T001

                    ```bash
                    cat config.ini
                    ```
                    """);
            Jar.Result result = run("tasks.md", "--isolation", "worktree", "--max-attempts", "2");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            JsonNode summary = summary();
            assertThat(summary.get("failed").get(0).get("reason").asText()).startsWith("verify_failed: exit 1");
            assertThat(summary.get("skipped").get(0).get("id").asText()).isEqualTo("T002");
            assertThat(integrationSubjects()).isEmpty();
            assertThat(integration().get("kept_worktrees")).hasSize(2);
            assertThat(Files.readString(repo.dir().resolve("parallel-session/logs/T001.attempt-1.note.md")))
                    .contains("grep -q port=8080 config.ini");
        }

        @Test
        void checksWorkWithoutIsolationTooAndVerifyRunsForEveryTask() throws Exception {
            commitTasks("""
                    ### T001: Write a
                    ```bash
                    echo a > a.txt
                    ```

                    ### T002: Write b
                    **Depends**: T001
                    ```bash
                    echo b > b.txt
                    ```
                    """);
            Jar.Result result = run("tasks.md", "--verify", "test -s a.txt && test ! -e b.txt", "--max-attempts", "1");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            JsonNode summary = summary();
            assertThat(summary.get("failed")).hasSize(1);
            String failed = summary.get("failed").get(0).get("id").asText();
            assertThat(summary.get("failed").get(0).get("reason").asText()).startsWith("verify_failed");
            assertThat(summary.get("completed")).hasSize(1);
            assertThat(failed).as("whichever ran second sees b.txt or lacks a.txt").isIn("T001", "T002");
        }

        @Test
        void aBrokenIntegrationIsPutBackAndTheTaskFails() throws Exception {
            commitTasks("""
                    ### T001: Break the build
                    ```bash
                    echo broken > BROKEN
                    ```
                    """);
            Jar.Result result = run("tasks.md", "--isolation", "worktree", "--verify-merged", "test ! -e BROKEN", "--max-attempts", "1");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            assertThat(summary().get("failed").get(0).get("reason").asText()).startsWith("verify_failed: merged tip");
            assertThat(integration().get("tip").asText()).isEqualTo(integration().get("base").asText());
        }
    }

    @Nested
    class Scale {

        @Test
        void tenTasksOnFiveWorkersEachLeaveTheirCommitOnTheIntegrationBranchInAnOrderThePlanAllows() throws Exception {
            StringBuilder tasks = new StringBuilder("# Tasks\n");
            for (int i = 1; i <= 10; i++) {
                String id = String.format("T%03d", i);
                tasks.append("\n### ").append(id).append(": Write file ").append(i).append('\n');
                if (i > 2) {
                    tasks.append("**Depends**: T").append(String.format("%03d", (i - 1) / 2)).append('\n');
                }
                tasks.append("\n```bash\nsleep 0.$((RANDOM % 3))\necho ").append(id).append(" > ").append(id).append(".txt\n```\n");
            }
            commitTasks(tasks.toString());

            Jar.Result result = run("tasks.md", "--isolation", "worktree", "--workers", "5");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            List<String> order = integrationSubjects().stream().map(s -> s.substring(0, 4)).toList();
            assertThat(order).hasSize(10).doesNotHaveDuplicates();
            JsonNode plan = JSON.readTree(repo.dir().resolve("parallel-session/execution-plan.json").toFile());
            plan.get("tasks").fields().forEachRemaining(task -> task.getValue().get("depends_on").forEach(dependency ->
                    assertThat(order.indexOf(dependency.asText())).as(dependency.asText() + " merged before " + task.getKey())
                            .isLessThan(order.indexOf(task.getKey()))));
            String branch = integration().get("branch").asText();
            assertThat(repo.git("ls-tree", "--name-only", branch).lines().filter(l -> l.matches("T0\\d\\d\\.txt"))).hasSize(10);
            assertThat(worktrees()).hasSize(1);
        }
    }

    @Nested
    class Cleaning {

        private final String sleep = "sleep 120." + System.nanoTime() % 100_000;

        private Process startSlowRun() throws Exception {
            commitTasks("""
                    ### T001: Take long
                    ```bash
                    echo started > started.txt
                    %s
                    ```
                    """.formatted(sleep));
            Process process = Jar.builder(repo.dir(), Map.of(), "tasks.md", "--isolation", "worktree", "--timeout", "5m")
                    .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && process.isAlive() && !startedInAWorktree()) {
                Thread.sleep(50);
            }
            assertThat(startedInAWorktree()).as("the task started in its worktree").isTrue();
            return process;
        }

        private boolean startedInAWorktree() throws IOException {
            Path folder = repo.dir().resolve(".git/orchestrate-worktrees");
            if (!Files.isDirectory(folder)) {
                return false;
            }
            try (Stream<Path> files = Files.walk(folder, 3)) {
                return files.anyMatch(p -> p.getFileName().toString().equals("started.txt"));
            }
        }

        private void assertTheNextRunCleansEverything() throws Exception {
            repo.write("tasks.md", "### T001: Quick\n```bash\ntrue\n```\n");
            repo.git("commit", "-q", "-am", "quick tasks");
            Jar.Result next = run("tasks.md", "--isolation", "worktree");
            assertThat(next.exitCode()).as(next.stdout() + next.stderr()).isZero();
            assertThat(next.stdout()).contains("Cleaned 1 orchestrate worktree left by earlier runs");
            assertThat(worktrees()).hasSize(1);
            try (Stream<Path> left = Files.list(repo.dir().resolve(".git/orchestrate-worktrees"))) {
                assertThat(left).isEmpty();
            }
        }

        @RepeatedTest(2)
        void ctrlCLeavesNoWorktreeTheNextRunDoesNotClean() throws Exception {
            Process process = startSlowRun();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(130);
            assertThat(Files.readString(dir.resolve("out.txt"))).contains("Kept worktree of T001 attempt 1 (stopped)");
            assertTheNextRunCleansEverything();
        }

        @RepeatedTest(2)
        void killMinus9LeavesNoWorktreeTheNextRunDoesNotClean() throws Exception {
            Process process = startSlowRun();
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.equals(sleep)).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            assertTheNextRunCleansEverything();
        }
    }
}
