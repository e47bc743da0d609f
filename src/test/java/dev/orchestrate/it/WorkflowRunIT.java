package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported GitHub Actions workflow "run" on this machine, the way GitHub runs it: jobs in
 * {@code needs} order, each matrix entry in a fresh copy of the project (a fresh check-out), its
 * {@code run} steps through {@code bash -eo pipefail} with the real jar, artifacts kept between jobs
 * as upload/download-artifact keep them, then the report job. The merged summary must say what a
 * normal local run of the same file says.
 */
class WorkflowRunIT {

    static final String TASKS = """
            # Tasks: a small pipeline with one failure

            ## P0 Critical

            ### T001: Make the data
            **Files**: data/numbers.txt
            **Depends**: none

            ```bash
            mkdir -p data && printf '3\\n1\\n2\\n' > data/numbers.txt
            ```

            ### T002: Call a tool that is missing
            **Files**: data/tool.txt
            **Depends**: none

            ```bash
            echo "the tool is not installed" >&2
            exit 3
            ```

            ## P1 High

            ### T003: Sort the data
            **Files**: data/numbers.txt
            **Depends**: T001

            ```bash
            sort -n data/numbers.txt > data/sorted.txt && mv data/sorted.txt data/numbers.txt
            ```

            ### T004: Use the tool's output
            **Depends**: T002

            ```bash
            cat data/tool.txt
            ```

            ### T005: Write the other file
            **Files**: data/other.txt
            **Depends**: none

            ```bash
            mkdir -p data && echo other > data/other.txt
            ```

            ### T006: Check what the others made
            **Depends**: T003, T005

            ```bash
            test "$(head -n 1 data/numbers.txt)" = 1
            test -f data/other.txt
            ```
            """;

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");

    @TempDir
    Path dir;

    @Test
    void theMergedSummaryOfTheWorkflowEqualsALocalRun() throws Exception {
        Path project = project(dir.resolve("project"));
        Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
        Map<String, Integer> jobExits = runWorkflow(exported(project), project, artifacts);

        Path local = copy(project, dir.resolve("local"));
        Jar.Result localRun = Jar.run(local, "tasks.md", "--session-dir", "local-session", "--max-attempts", "1");
        assertThat(localRun.exitCode()).as(localRun.stdout() + localRun.stderr()).isEqualTo(1);

        JsonNode merged = read(artifacts.resolve("orchestrate-report/summary.json"));
        JsonNode alone = read(local.resolve("local-session/summary.json"));
        assertThat(statuses(merged)).as("statuses, merged vs local; the jobs said:\n" + jobOutput()).isEqualTo(statuses(alone))
                .containsEntry("T002", "failed").containsEntry("T004", "skipped").containsEntry("T006", "completed");
        assertThat(blocked(merged)).isEqualTo(blocked(alone)).containsEntry("T004", List.of("T002"));
        assertThat(merged.get("exit_code").asInt()).isEqualTo(alone.get("exit_code").asInt());
        assertThat(jobExits).as("the report job fails as the local run does").containsEntry("report", 1);

        Path report = artifacts.resolve("orchestrate-report");
        assertThat(Files.readString(report.resolve("junit.xml"))).contains("tests=\"6\"", "failures=\"1\"", "the tool is not installed");
        String timeline = Files.readString(report.resolve("timeline.html"));
        assertThat(Pattern.compile("class=\"worker\"").matcher(timeline).results().count())
                .as("a row per job that ran a task").isEqualTo(5);
        assertThat(report.resolve("logs/T002.log")).content().contains("the tool is not installed");
    }

    /**
     * Two dependencies fail, one after the other: a local run skips their dependent when the first
     * fails, blocked by that one alone; the merged summary says the same.
     */
    @Test
    void theMergedSummaryNamesTheBlockersALocalRunNames() throws Exception {
        Path project = project(dir.resolve("project"), """
                ### T001: Fail at once
                **Depends**: none

                ```bash
                exit 1
                ```

                ### T002: Fail a little later
                **Depends**: none

                ```bash
                sleep 2; exit 1
                ```

                ### T003: Needs both
                **Depends**: T001, T002

                ```bash
                true
                ```
                """);
        Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
        runWorkflow(exported(project), project, artifacts);

        Path local = copy(project, dir.resolve("local"));
        Jar.Result localRun = Jar.run(local, "tasks.md", "--session-dir", "local-session", "--max-attempts", "1");
        assertThat(localRun.exitCode()).as(localRun.stdout() + localRun.stderr()).isEqualTo(1);

        JsonNode merged = read(artifacts.resolve("orchestrate-report/summary.json"));
        JsonNode alone = read(local.resolve("local-session/summary.json"));
        assertThat(blocked(alone)).containsEntry("T003", List.of("T001"));
        assertThat(blocked(merged)).as("the jobs said:\n" + jobOutput()).isEqualTo(blocked(alone));
    }

    /** The project's tasks.md exported as a GitHub workflow (one attempt a task), read back. */
    private JsonNode exported(Path project) throws Exception {
        Path workflow = dir.resolve("workflow.yml");
        String orchestrate = Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + Jar.path().toAbsolutePath();
        Jar.Result export = Jar.run(project, "export", "--format", "github-actions", "tasks.md", "-o", workflow.toString(),
                "--max-attempts", "1", "--orchestrate", orchestrate);
        assertThat(export.exitCode()).as(export.stderr()).isZero();
        return new YAMLMapper().readTree(workflow.toFile());
    }

    private String jobOutput() throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".out")).sorted().toList()) {
                out.append("--- ").append(file.getFileName()).append('\n').append(Files.readString(file));
            }
        }
        return out.toString();
    }

    /** A git repository holding the task file, committed, as a check-out would have it. */
    static Path project(Path project) throws Exception {
        return project(project, TASKS);
    }

    static Path project(Path project, String tasks) throws Exception {
        Files.createDirectories(project);
        Files.writeString(project.resolve("tasks.md"), tasks);
        git(project, "init", "-q");
        git(project, "add", "-A");
        git(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "tasks");
        return project;
    }

    /** Runs every job in {@code needs} order; returns each job's (last matrix entry's) exit, 0 for success. */
    private Map<String, Integer> runWorkflow(JsonNode workflow, Path project, Path artifacts) throws Exception {
        Map<String, String> env = new HashMap<>();
        workflow.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        workflow.path("jobs").fields().forEachRemaining(e -> jobs.put(e.getKey(), e.getValue()));
        Map<String, Integer> exits = new LinkedHashMap<>();
        for (String id : needsOrder(jobs)) {
            JsonNode job = jobs.get(id);
            String condition = job.path("if").asText("");
            assertThat(condition).as("job " + id + " if").isIn("", "${{ !cancelled() }}", "${{ always() }}");
            boolean needsFailed = false;
            for (JsonNode need : job.path("needs")) {
                needsFailed |= exits.get(need.asText()) != 0;
            }
            if (needsFailed && condition.isEmpty()) {
                exits.put(id, -1); // GitHub skips it
                continue;
            }
            List<String> entries = new ArrayList<>();
            job.path("strategy").path("matrix").path("task").forEach(t -> entries.add(t.asText()));
            if (entries.isEmpty()) {
                entries.add(null);
            }
            int worst = 0;
            for (int index = 0; index < entries.size(); index++) {
                Map<String, String> context = new HashMap<>();
                context.put("github.job", id);
                context.put("strategy.job-index", Integer.toString(index));
                if (entries.get(index) != null) {
                    context.put("matrix.task", entries.get(index));
                }
                int exit = runJob(id, job, context, env, copy(project, dir.resolve("jobs").resolve(id + "-" + index)), artifacts);
                worst = Math.max(worst, exit);
            }
            exits.put(id, worst);
        }
        return exits;
    }

    private int runJob(String id, JsonNode job, Map<String, String> context, Map<String, String> env, Path workdir,
                       Path artifacts) throws Exception {
        int failed = 0;
        for (JsonNode step : job.path("steps")) {
            String condition = step.path("if").asText("");
            if (failed != 0 && !condition.contains("always()")) {
                continue;
            }
            String uses = step.path("uses").asText("");
            JsonNode with = step.path("with");
            if (uses.startsWith("actions/checkout@") || uses.startsWith("actions/setup-java@")) {
                continue; // the copy is the check-out; this JVM's java runs the jar
            } else if (uses.startsWith("actions/download-artifact@")) {
                PathMatcher pattern = FileSystems.getDefault().getPathMatcher("glob:" + with.path("pattern").asText());
                Path into = workdir.resolve(with.path("path").asText());
                try (Stream<Path> stored = Files.list(artifacts)) {
                    for (Path artifact : stored.filter(a -> pattern.matches(a.getFileName())).toList()) {
                        copy(artifact, into.resolve(artifact.getFileName().toString()));
                    }
                }
            } else if (uses.startsWith("actions/upload-artifact@")) {
                Path from = workdir.resolve(with.path("path").asText());
                String name = expand(with.path("name").asText(), context);
                if (Files.exists(from)) {
                    assertThat(artifacts.resolve(name)).as("artifact names are unique").doesNotExist();
                    copy(from, artifacts.resolve(name));
                }
            } else if (step.has("run")) {
                Map<String, String> stepEnv = new HashMap<>(env);
                step.path("env").fields().forEachRemaining(e -> stepEnv.put(e.getKey(), expand(e.getValue().asText(), context)));
                Path script = Files.writeString(Files.createTempFile(dir, id, ".sh"), step.path("run").asText());
                ProcessBuilder bash = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                        .directory(workdir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(id + "-" + context.get("strategy.job-index") + ".out").toFile());
                bash.environment().remove("GITHUB_ACTIONS");
                bash.environment().remove("GITHUB_STEP_SUMMARY");
                bash.environment().putAll(stepEnv);
                Process process = bash.start();
                assertThat(process.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                failed = process.exitValue();
            } else {
                throw new AssertionError("a step this test does not know how to run: " + step);
            }
        }
        return failed;
    }

    private static String expand(String text, Map<String, String> context) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = context.get(m.group(1));
            assertThat(value).as("the expression " + m.group()).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static List<String> needsOrder(Map<String, JsonNode> jobs) {
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < jobs.size()) {
            int before = done.size();
            for (Map.Entry<String, JsonNode> job : jobs.entrySet()) {
                boolean ready = true;
                for (JsonNode need : job.getValue().path("needs")) {
                    assertThat(jobs).as("needs names a job").containsKey(need.asText());
                    ready &= done.contains(need.asText());
                }
                if (ready) {
                    done.add(job.getKey());
                }
            }
            assertThat(done.size()).as("needs has no cycle").isGreaterThan(before);
        }
        return List.copyOf(done);
    }

    static Map<String, String> statuses(JsonNode summary) {
        Map<String, String> statuses = new TreeMap<>();
        summary.path("tasks").forEach(t -> statuses.put(t.path("id").asText(), t.path("status").asText()));
        return statuses;
    }

    static Map<String, List<String>> blocked(JsonNode summary) {
        Map<String, List<String>> blocked = new TreeMap<>();
        summary.path("skipped").forEach(s -> {
            List<String> by = new ArrayList<>();
            s.path("blocked_by").forEach(b -> by.add(b.asText()));
            blocked.put(s.path("id").asText(), by);
        });
        return blocked;
    }

    static JsonNode read(Path file) throws IOException {
        assertThat(file).isRegularFile();
        return new ObjectMapper().readTree(file.toFile());
    }

    static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes());
        assertThat(git.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Iterator<Path> it = tree.iterator(); it.hasNext(); ) {
                Path source = it.next();
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
