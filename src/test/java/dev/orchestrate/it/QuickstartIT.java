package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, on a copy of the example, through the real jar. */
class QuickstartIT {

    @TempDir
    Path project;

    private Path copyExample() throws IOException {
        Path source = Path.of(System.getProperty("orchestrate.basedir", ".")).resolve("examples/quickstart/tasks.md");
        Path target = project.resolve("examples/quickstart/tasks.md");
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
        return target;
    }

    @Test
    void runsTheQuickstartExampleEndToEnd() throws Exception {
        copyExample();

        Jar.Result result = Jar.run(project, "examples/quickstart/tasks.md");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout())
                .startsWith("Using tasks from examples/quickstart/tasks.md")
                .contains("⚡ T001 started by worker-", "✓  T007 completed by worker-", "EXECUTION SUMMARY", "Completed: 7 of 7 tasks")
                .doesNotContain("\u001b[");
        String report = Files.readString(project.resolve("examples/quickstart/out/report.html"));
        assertThat(report).contains("<h1>Scores</h1>", "<p>Built by orchestrate.</p>", "<li>barbara: 6</li>", "<footer>");
        assertThat(report.indexOf("barbara")).isLessThan(report.indexOf("<li>ada"));

        Path session = project.resolve("examples/quickstart/parallel-session");
        for (String file : new String[] {"context.json", "execution-plan.json", "summary.json", "progress.txt",
                "timeline.html", "orchestrate.log", "messages/scout-outbox.json", "messages/task-manager-outbox.json",
                "messages/worker-1-inbox.json", "messages/worker-1-outbox.json", "logs/T001.log"}) {
            assertThat(session.resolve(file)).as(file).isRegularFile();
        }
        assertThat(session.resolve("locks")).isEmptyDirectory();

        JsonNode summary = new ObjectMapper().readTree(session.resolve("summary.json").toFile());
        assertThat(summary.get("exit_code").asInt()).isZero();
        assertThat(summary.get("completed")).hasSize(7);
    }

    @Test
    void implicitAndExplicitDependenciesOrderTheRun() throws Exception {
        copyExample();

        Jar.Result result = Jar.run(project, "--json", "examples/quickstart/tasks.md");
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        ObjectMapper json = new ObjectMapper();
        java.util.List<JsonNode> events = result.stdout().lines().map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
        java.util.List<String> order = events.stream()
                .filter(e -> e.get("type").asText().matches("task_started|task_completed"))
                .map(e -> e.get("type").asText().replace("task_", "") + " " + e.get("task").asText())
                .toList();
        // T004 modifies header.html, which T003 creates: it may only start once T003 completed.
        assertThat(order.indexOf("started T004")).isGreaterThan(order.indexOf("completed T003"));
        // T006 depends on T002, T004 and T005, and is a lower priority level.
        assertThat(order.indexOf("started T006")).isGreaterThan(order.indexOf("completed T002"))
                .isGreaterThan(order.indexOf("completed T004")).isGreaterThan(order.indexOf("completed T005"));
        assertThat(order.indexOf("started T007")).isGreaterThan(order.indexOf("completed T006"));
        // P0 before P1.
        assertThat(order.indexOf("started T003")).isGreaterThan(order.indexOf("completed T001"));

        JsonNode plan = json.readTree(project.resolve("examples/quickstart/parallel-session/execution-plan.json").toFile());
        assertThat(plan.at("/tasks/T004/implicit_depends_on/0/task").asText()).isEqualTo("T003");
    }

    @Test
    void aSecondRunKeepsTheFirstRunsSessionUnderANewName() throws Exception {
        copyExample();
        assertThat(Jar.run(project, "examples/quickstart/tasks.md").exitCode()).isZero();
        assertThat(Jar.run(project, "examples/quickstart/tasks.md").exitCode()).isZero();

        try (var entries = Files.list(project.resolve("examples/quickstart"))) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("parallel-session")))
                    .hasSize(2)
                    .contains("parallel-session")
                    .anyMatch(n -> n.matches("parallel-session\\.\\d{8}-\\d{6}(-\\d+)?"));
        }
    }

    @Test
    void theQuickstartPlansTheSameOnItsSecondRunWhenItsOutputsExist() throws Exception {
        copyExample();
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "the example");

        JsonNode before = plan("first-plan");
        Jar.Result run = Jar.run(project, "examples/quickstart/tasks.md");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(project.resolve("examples/quickstart/out/header.html")).isRegularFile();
        JsonNode after = plan("second-plan");

        // the run's outputs are not tracked: T004 still modifies the header T003 creates, and waits for it
        assertThat(after.get("groups")).isEqualTo(before.get("groups"));
        assertThat(after.get("tasks")).isEqualTo(before.get("tasks"));
        assertThat(before.toString()).contains("created by T003");
    }

    private JsonNode plan(String sessionName) throws Exception {
        Path session = project.resolve(sessionName);
        Jar.Result result = Jar.run(project, "--dry-run", "--session-dir", session.toString(), "examples/quickstart/tasks.md");
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        JsonNode plan = new ObjectMapper().readTree(session.resolve("execution-plan.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan).remove(java.util.List.of("created_at", "session_dir"));
        return plan;
    }

    private void git(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
        command.addAll(java.util.List.of(args));
        Process git = new ProcessBuilder(command).directory(project.toFile()).inheritIO().start();
        assertThat(git.waitFor()).as(String.join(" ", command)).isZero();
    }
}
