package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrate.worktree.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at any moment of a run under {@code --isolation worktree} (issue 14): while a
 * worktree is being made, a task runs, a change is committed or merged, or a worktree is being
 * removed. Repeated with the moment moved along the run, half of the time with the run's children
 * killed too, and half of the time followed by {@code --resume}. The user's tree and branch stay as
 * they were, and the next run cleans what is left or, resuming, continues the killed run's branch.
 */
class IsolationKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BRANCH = Pattern.compile("merged onto (orchestrate/\\S+)");

    /** Each task and the ones it depends on. */
    static final Map<String, List<String>> DEPENDS = new LinkedHashMap<>();

    static {
        DEPENDS.put("T001", List.of());
        DEPENDS.put("T002", List.of());
        DEPENDS.put("T003", List.of("T001"));
        DEPENDS.put("T004", List.of("T001"));
        DEPENDS.put("T005", List.of("T002"));
        DEPENDS.put("T006", List.of("T002"));
        DEPENDS.put("T007", List.of("T003", "T005"));
        DEPENDS.put("T008", List.of()); // keeps the run alive for $T008_SLEEP seconds
    }

    @TempDir
    Path dir;

    GitRepo repo;

    @BeforeEach
    void repository() throws IOException {
        assumeTrue(GitRepo.gitCanMergeInMemory(), "needs git 2.38 or later on the PATH");
        repo = GitRepo.create(dir.resolve("project"), "notes.txt", "one\ntwo\n", ".gitignore", "parallel-session*/\n");
    }

    /** Eight shell tasks, each writing its own file, in three levels; T008 sleeps as long as {@code $T008_SLEEP} says. */
    static String tasks() {
        StringBuilder tasks = new StringBuilder("# Tasks\n");
        DEPENDS.forEach((id, depends) -> {
            tasks.append("\n### ").append(id).append(": Write ").append(id).append(".txt\n");
            if (!depends.isEmpty()) {
                tasks.append("**Depends**: ").append(String.join(", ", depends)).append('\n');
            }
            tasks.append("\n```bash\necho ").append(id).append(" > ").append(id).append(".txt\n")
                    .append(id.equals("T008") ? "sleep \"${T008_SLEEP:-0}\"" : "sleep 0.2").append("\n```\n");
        });
        return tasks.toString();
    }

    @RepeatedTest(20)
    void killMinus9AtAnyMomentLeavesTheUsersTreeAloneAndTheNextRunCleansWhatIsLeft(RepetitionInfo repetition) throws Exception {
        repo.write("tasks.md", tasks());
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "tasks");
        repo.write("notes.txt", "an uncommitted edit of the user's\n");
        Map<String, String> before = UserTree.state(repo);
        Duration delay = Duration.ofMillis((repetition.getCurrentRepetition() - 1) * 100L);
        boolean withChildren = repetition.getCurrentRepetition() % 2 == 0;
        boolean resume = repetition.getCurrentRepetition() % 4 >= 2; // the next run resumes: it reuses what is left

        KilledRun.Killed killed = KilledRun.kill(repo.dir(), dir, Map.of("T008_SLEEP", "6"), "Isolation:", delay, withChildren,
                "tasks.md", "--isolation", "worktree", "--workers", "3");

        assertThat(UserTree.state(repo)).as("the user's files, index, HEAD and branch").isEqualTo(before);
        assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
        Matcher matcher = BRANCH.matcher(killed.stdout());
        assertThat(matcher.find()).as(killed.stdout()).isTrue();
        String killedBranch = matcher.group(1);
        assertMergedInPlanOrder(killedBranch);

        List<String> args = new ArrayList<>(List.of("tasks.md", "--isolation", "worktree", "--workers", "3"));
        if (resume) {
            args.add("--resume");
        }
        Jar.Result next = Jar.run(repo.dir(), Map.of(), Duration.ofSeconds(180), args.toArray(String[]::new));

        assertThat(next.exitCode()).as(next.stdout() + next.stderr()).isZero();
        String nextBranch = JSON.readTree(repo.dir().resolve("parallel-session/integration.json").toFile()).get("branch").asText();
        assertThat(assertMergedInPlanOrder(nextBranch)).hasSize(DEPENDS.size());
        if (resume && next.stdout().contains("(continuing " + killedBranch)) {
            // the resumed branch starts at the killed run's tip: what was merged there is kept, not redone (fails unless an ancestor)
            repo.git("merge-base", "--is-ancestor", killedBranch, nextBranch);
        }
        assertThat(UserTree.worktrees(repo)).as("git worktree list").hasSize(1);
        assertThat(entries(repo.dir().resolve(".git/orchestrate-worktrees"))).as("orchestrate's worktree folder").isEmpty();
        assertThat(entries(repo.dir().resolve(".git/worktrees"))).as("git's worktree admin folder").isEmpty();
        try (Stream<Path> refs = Files.walk(repo.dir().resolve(".git/refs"))) {
            assertThat(refs.filter(p -> p.toString().endsWith(".lock"))).as("ref locks left").isEmpty();
        }
        for (String branch : repo.git("for-each-ref", "--format=%(refname:short)", "refs/heads/orchestrate/").lines().toList()) {
            if (!branch.equals(killedBranch) && !branch.equals(nextBranch)) {
                assertThat(branch).as("an attempt's branch that is left must be one the next run says it kept, with work of its own")
                        .startsWith(killedBranch + "-");
                assertThat(next.stdout()).contains("its work kept on branch " + branch);
            }
        }
        assertThat(UserTree.state(repo)).as("the user's files, index, HEAD and branch, after the next run").isEqualTo(before);
    }

    /** The tasks merged onto the branch, oldest first: each once, after what it depends on, with its file. */
    private List<String> assertMergedInPlanOrder(String branch) {
        String base = repo.git("merge-base", "main", branch).strip();
        List<String> merged = new ArrayList<>();
        for (String line : repo.git("log", "--reverse", "--format=%H %P %s", base + ".." + branch).lines().toList()) {
            String[] parts = line.split(" ", 4);
            assertThat(parts[2]).as("one parent each: " + line).matches("T00\\d:");
            String id = parts[2].substring(0, 4);
            assertThat(merged).as(branch).doesNotContain(id).containsAll(DEPENDS.get(id));
            assertThat(repo.git("show", parts[0] + ":" + id + ".txt")).isEqualTo(id + "\n");
            merged.add(id);
        }
        return merged;
    }

    private static List<Path> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        }
    }
}
