package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent tasks through the real jar: a spec-kit file from the corpus, and the agents example. */
class AgentsIT {

    static final Path CORPUS = Path.of(System.getProperty("orchestrate.corpus", "../shared/corpus/tasks"));
    static final String SPEC_KIT = "SaadaniMohamedAmine__axiom-kanban-board__speckit-project-setup.md";
    static final Path BASEDIR = Path.of(System.getProperty("orchestrate.basedir", "."));

    @TempDir
    Path project;

    /**
     * A stand-in agent that records when each task starts and ends (nanoseconds, one line each,
     * appended: short appends do not interleave), keeps its prompt, and prints a Claude-shaped result.
     */
    private Path recordingAgent() throws IOException {
        Path agent = project.resolve("recording-agent.sh");
        Files.writeString(agent, """
                #!/usr/bin/env bash
                set -eu
                echo "start $ORCHESTRATE_TASK_ID $(date +%s%N)" >> "$RECORD"
                cat > "$PROMPTS/$ORCHESTRATE_TASK_ID.md"
                sleep 0.05
                echo "end $ORCHESTRATE_TASK_ID $(date +%s%N)" >> "$RECORD"
                printf '{"type":"result","subtype":"success","is_error":false,"result":"ok","num_turns":1,"total_cost_usd":0.01,"session_id":"s-%s"}\\n' "$ORCHESTRATE_TASK_ID"
                """);
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        return agent;
    }

    @Test
    void aSpecKitFileFromTheCorpusRunsEndToEndInPhaseAndDependencyOrder() throws Exception {
        Path source = CORPUS.resolve(SPEC_KIT);
        assumeTrue(Files.isRegularFile(source), "the corpus is not at " + CORPUS.toAbsolutePath() + " (run from the project checkout)");
        Path tasks = project.resolve("specs/001-project-setup/tasks.md");
        Files.createDirectories(tasks.getParent());
        Files.copy(source, tasks);
        Path record = project.resolve("record.txt");
        Path prompts = Files.createDirectories(project.resolve("prompts"));

        Jar.Result result = Jar.run(project, Map.of("RECORD", record.toString(), "PROMPTS", prompts.toString()),
                Duration.ofSeconds(180), "specs/001-project-setup/tasks.md", "--include-done",
                "--agent", recordingAgent().toString(), "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Path session = project.resolve("specs/001-project-setup/parallel-session");
        JsonNode plan = new ObjectMapper().readTree(session.resolve("execution-plan.json").toFile());
        JsonNode summary = new ObjectMapper().readTree(session.resolve("summary.json").toFile());
        assertThat(summary.get("completed")).hasSize(36);
        assertThat(summary.get("agent_usage").get("cost_usd").asDouble()).isCloseTo(0.36, org.assertj.core.data.Offset.offset(1e-6));

        Map<String, long[]> times = times(record);
        assertThat(times).hasSize(36);
        // every dependency, explicit or implicit (phases, list order, files), ended before its dependent started
        int checked = 0;
        for (Map.Entry<String, JsonNode> task : iterable(plan.get("tasks"))) {
            for (String dependency : dependencies(task.getValue())) {
                assertThat(times.get(dependency)[1]).as(dependency + " ends before " + task.getKey() + " starts")
                        .isLessThanOrEqualTo(times.get(task.getKey())[0]);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(36);
        // phases are barriers: every task of a phase ended before any task of a later phase started
        TreeMap<Integer, List<String>> phases = phasesByLine(tasks, plan);
        List<List<String>> ordered = new ArrayList<>(phases.values());
        assertThat(ordered).hasSize(8);
        for (int p = 1; p < ordered.size(); p++) {
            long lastEnd = ordered.get(p - 1).stream().mapToLong(id -> times.get(id)[1]).max().orElseThrow();
            long firstStart = ordered.get(p).stream().mapToLong(id -> times.get(id)[0]).min().orElseThrow();
            assertThat(lastEnd).as("phase " + p + " ends before phase " + (p + 1) + " starts").isLessThanOrEqualTo(firstStart);
        }
        // each agent got its own task, verbatim from the saved prompt
        assertThat(Files.readString(prompts.resolve("T001.md"))).isEqualTo(Files.readString(session.resolve("logs/T001.prompt.md")));
        assertThat(Files.readString(prompts.resolve("T001.md"))).startsWith("# Task T001: ");
        assertThat(result.stdout().lines()).allMatch(line -> line.startsWith("{\"type\":"));
    }

    @Test
    void theAgentsExampleRunsWithTheStandInAgentFromARelativePath() throws Exception {
        Path examples = Files.createDirectories(project.resolve("examples/agents"));
        Files.copy(BASEDIR.resolve("examples/agents/tasks.md"), examples.resolve("tasks.md"));
        Files.copy(BASEDIR.resolve("examples/agents/fake-agent.sh"), examples.resolve("fake-agent.sh"));

        Jar.Result result = Jar.run(project, Map.of("FAKE_AGENT_SLEEP", "0.1"), Duration.ofSeconds(120),
                "examples/agents/tasks.md", "--agent", "examples/agents/fake-agent.sh");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("Completed: 6 of 6 tasks", "Agent cost: $0.00, 6 turns");
        assertThat(project.resolve("examples/agents/demo/quotes/store.py"))
                .content().startsWith("# T004: Implement a QuoteStore");
        assertThat(project.resolve("examples/agents/parallel-session/logs/T004.prompt.md")).isRegularFile();
    }

    @Test
    void anUnreadableAgentCommandIsAUsageError() throws Exception {
        Files.writeString(project.resolve("tasks.md"), "- [ ] 1. Write the docs\n");

        Jar.Result result = Jar.run(project, "tasks.md", "--agent", "my-agent 'unterminated");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("--agent", "quote");
        assertThat(project.resolve("parallel-session")).doesNotExist();
    }

    @Test
    void anAgentProgramThatIsNotThereIsAUsageErrorBeforeAnyTaskStarts() throws Exception {
        Files.writeString(project.resolve("tasks.md"), "- [ ] 1. Write the docs\n");

        Jar.Result result = Jar.run(project, Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(60), "tasks.md", "--agent", "claude");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).containsExactly(
                "orchestrate: --agent claude: claude is not on the PATH (install it, or give --agent a command line)");
        assertThat(project.resolve("parallel-session/logs")).isEmptyDirectory();
    }

    /** Task id → {start, end} nanoseconds, from the recording agent's lines. */
    private static Map<String, long[]> times(Path record) throws IOException {
        Map<String, long[]> times = new HashMap<>();
        for (String line : Files.readAllLines(record)) {
            String[] words = line.split(" ");
            long[] span = times.computeIfAbsent(words[1], id -> new long[2]);
            span[words[0].equals("start") ? 0 : 1] = Long.parseLong(words[2]);
        }
        return times;
    }

    private static List<String> dependencies(JsonNode task) {
        List<String> ids = new ArrayList<>();
        task.get("depends_on").forEach(id -> ids.add(id.asText()));
        task.get("implicit_depends_on").forEach(d -> ids.add(d.get("task").asText()));
        return ids;
    }

    /** The plan's tasks grouped by the {@code ## Phase N} heading above their line in the file. */
    private static TreeMap<Integer, List<String>> phasesByLine(Path tasks, JsonNode plan) throws IOException {
        List<String> lines = Files.readAllLines(tasks);
        TreeMap<Integer, Integer> phaseStarts = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## Phase ")) {
                phaseStarts.put(i + 1, phaseStarts.size() + 1);
            }
        }
        TreeMap<Integer, List<String>> phases = new TreeMap<>();
        for (Map.Entry<String, JsonNode> task : iterable(plan.get("tasks"))) {
            int phase = phaseStarts.floorEntry(task.getValue().get("line").asInt()).getValue();
            phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(task.getKey());
        }
        return phases;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
