package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrate.run.agent.AgentProfile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract with the real agent CLIs, as {@code .ci/install-agent-clis} installs them from npm
 * into {@code target/agent-clis} (the versions it pins are the ones this test knows): each built-in
 * profile, run through the real jar on a two-task file with no credentials at all (an empty HOME,
 * no API key, no other variable of the machine), fails within {@link #BOUND} seconds, classified
 * so that the run stops (exit 3, one line naming the login command), without a retry, and leaves
 * no process behind. A CLI that is not installed skips its test with the reason. aider is a Python
 * package, not installed here: its shapes are checked against stand-ins only (RealShapesTest, AgentGateTest).
 */
class RealAgentClisIT {

    static final Path BASEDIR = Path.of(System.getProperty("orchestrate.basedir", ".")).toAbsolutePath();
    static final Path BIN = BASEDIR.resolve("target/agent-clis/node_modules/.bin");
    /** The bound per profile; the runs take 2–4 s here (JVM start included). */
    static final Duration BOUND = Duration.ofSeconds(30);
    /** Two independent tasks: with one agent worker, the second waits while the first fails. */
    static final String TWO_TASKS = """
            - [ ] T001 [P] Write docs/a.md with one line
            - [ ] T002 [P] Write docs/b.md with one line
            """;
    static final List<String> USAGE_ERRORS = List.of("unknown option", "Unknown argument", "unexpected argument", "Usage:");

    @TempDir
    Path project;

    @TempDir
    Path home;

    private record Run(Jar.Result result, Duration took, Path session) {
        JsonNode summary() throws IOException {
            return new ObjectMapper().readTree(session.resolve("summary.json").toFile());
        }
    }

    private static Path cli(String name) {
        Path cli = BIN.resolve(name);
        assumeTrue(Files.isExecutable(cli), name + " is not installed at " + cli
                + " (.ci/install-agent-clis installs it with npm; npm is missing or the install failed)");
        return cli;
    }

    /** The environment of a machine nobody logged in on: the CLIs, node, the system; an empty HOME. */
    private Map<String, String> noCredentials(Map<String, String> environment) {
        String node = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, "node")))
                .findFirst().orElse("/usr/bin");
        environment.clear();
        environment.put("PATH", String.join(File.pathSeparator, BIN.toString(), node, "/usr/local/bin", "/usr/bin", "/bin"));
        environment.put("HOME", home.toString());
        environment.put("LANG", "C.UTF-8");
        environment.put("CI", "true");
        return environment;
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Files.writeString(project.resolve("tasks.md"), TWO_TASKS);
        List<String> all = new ArrayList<>(List.of("tasks.md"));
        all.addAll(List.of(args));
        ProcessBuilder builder = Jar.builder(project, Map.of(), all.toArray(String[]::new));
        noCredentials(builder.environment());
        Path out = Files.createTempFile("real-agent-it", ".out");
        Path err = Files.createTempFile("real-agent-it", ".err");
        try {
            long started = System.nanoTime();
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            // twice the bound before giving up, so that a slow run fails on its time, with its output
            if (!process.waitFor(BOUND.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("orchestrate did not finish within " + BOUND.multipliedBy(2) + ": " + Files.readString(out));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Jar.Result result = new Jar.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            assertThat(took).as("failed fast: " + result.stdout() + result.stderr()).isLessThan(BOUND);
            assertNothingLeftBehind();
            return new Run(result, took, project.resolve("parallel-session"));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** No process of the run is left: none has this test's HOME in its environment, a few seconds after the end. */
    private void assertNothingLeftBehind() throws InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/environ")), "no /proc to look for processes left behind");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = leftBehind();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = leftBehind();
        }
        assertThat(left).as("processes left behind").isEmpty();
    }

    private List<String> leftBehind() {
        byte[] mark = ("HOME=" + home + "\0").getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses()
                .filter(process -> environ(process.pid()).filter(bytes -> contains(bytes, mark)).isPresent())
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("?"))
                .toList();
    }

    private static Optional<byte[]> environ(long pid) {
        try {
            return Optional.of(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone, or not ours
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The pre-check refused: exit 3, one line on stderr naming the login command, no task started. */
    private static void assertRefusedBeforeAnyTask(Run run, String cli, String loginCommand) {
        Jar.Result result = run.result();
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(3);
        assertThat(result.stderrLines()).singleElement().asString()
                .startsWith("orchestrate: " + cli + " is not logged in")
                .contains(loginCommand, "no task was started");
        assertThat(result.stdout()).doesNotContain("started by");
        assertThat(run.session().resolve("logs/T001.log")).doesNotExist();
        assertThat(run.session().resolve("logs/T002.log")).doesNotExist();
    }

    /**
     * One attempt failed {@code auth}, final for the run: no retry, the other task {@code not_run}
     * with the reason, exit 3, and one line naming the login command.
     */
    private static JsonNode assertStoppedAfterOneAuthFailure(Run run, String cli, String loginCommand) throws IOException {
        Jar.Result result = run.result();
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(3);
        JsonNode summary = run.summary();
        assertThat(summary.get("failed")).as(summary.toPrettyString()).hasSize(1);
        JsonNode failed = task(summary, summary.get("failed").get(0).get("id").asText());
        assertThat(failed.get("attempts")).as("no retry").hasSize(1);
        JsonNode attempt = failed.get("attempts").get(0);
        assertThat(attempt.get("agent").get("failure").asText()).as(attempt.toPrettyString()).isEqualTo("auth");
        assertThat(attempt.get("error").asText()).doesNotContain("\u001b[");
        assertThat(summary.get("not_run")).as("the other task, not started").hasSize(1);
        JsonNode notRun = task(summary, summary.get("not_run").get(0).asText());
        assertThat(notRun.get("status").asText()).isEqualTo("not_run");
        assertThat(notRun.get("attempts")).isEmpty();
        assertThat(notRun.get("reason").asText()).as("with the reason").startsWith(cli + " cannot run (auth: ");
        assertThat(summary.get("critical_failure").asText()).startsWith(cli + " cannot run (auth: ").contains(loginCommand);
        assertThat(result.stdout().lines().filter(line -> line.startsWith("Run stopped: ")).toList())
                .singleElement().asString().contains(cli + " cannot run", loginCommand);
        String log = result.stdout() + Files.readString(run.session().resolve("logs/" + failed.get("id").asText() + ".log"));
        assertThat(log).as("every flag of the command line accepted").doesNotContain(USAGE_ERRORS);
        return summary;
    }

    private static JsonNode task(JsonNode summary, String id) {
        for (JsonNode task : summary.get("tasks")) {
            if (task.get("id").asText().equals(id)) {
                return task;
            }
        }
        throw new AssertionError("no task " + id + " in " + summary.toPrettyString());
    }

    /** The versions {@code .ci/install-agent-clis} pins: the single source of the versions tried. */
    static Map<String, String> pinnedVersions() throws IOException {
        String script = Files.readString(BASEDIR.resolve(".ci/install-agent-clis"));
        Matcher pin = Pattern.compile("\"(@[a-z-]+/[a-z-]+)@([0-9.]+)\"").matcher(script);
        Map<String, String> versions = new TreeMap<>();
        while (pin.find()) {
            versions.put(pin.group(1), pin.group(2));
        }
        return versions;
    }

    @Test
    void theReadmeNamesTheVersionsTheInstallScriptPinsAndTheyAreTheOnesInstalled() throws Exception {
        Map<String, String> pinned = pinnedVersions();
        assertThat(pinned).containsOnlyKeys("@anthropic-ai/claude-code", "@openai/codex", "@google/gemini-cli");
        String readme = Files.readString(BASEDIR.resolve("examples/agents/README.md")).replaceAll("\\s+", " ");
        assertThat(readme).contains("as tried with claude " + pinned.get("@anthropic-ai/claude-code")
                + ", codex " + pinned.get("@openai/codex") + " and gemini " + pinned.get("@google/gemini-cli") + " installed from npm");
        for (Map.Entry<String, String> pin : pinned.entrySet()) {
            Path installed = BIN.getParent().resolve(pin.getKey()).resolve("package.json");
            if (Files.isRegularFile(installed)) {
                assertThat(new ObjectMapper().readTree(installed.toFile()).get("version").asText()).as(installed.toString())
                        .isEqualTo(pin.getValue());
            }
        }
    }

    @Test
    void claudeWithoutCredentialsIsRefusedBeforeAnyTaskStarts() throws Exception {
        cli("claude");

        Run run = run("--agent", "claude");

        assertRefusedBeforeAnyTask(run, "claude", "`claude auth login`");
    }

    @Test
    void codexWithoutCredentialsIsRefusedBeforeAnyTaskStartsWhereExecWouldWaitForTheNetworkForever() throws Exception {
        cli("codex");

        Run run = run("--agent", "codex");

        assertRefusedBeforeAnyTask(run, "codex", "`codex login`");
    }

    @Test
    void geminiWithoutCredentialsFailsAuthOnceAndStopsTheRun() throws Exception {
        cli("gemini");

        Run run = run("--agent", "gemini", "--agent-workers", "1");

        JsonNode summary = assertStoppedAfterOneAuthFailure(run, "gemini", "run `gemini` once to log in");
        // exit 41 is gemini's "no auth method", reached only after every flag parsed (an unknown one exits 1 with its help)
        assertThat(summary.get("failed").get(0).get("reason").asText()).startsWith("auth: exit 41: ");
    }

    /**
     * claude's own attempt, past the pre-check ({@code --settings} may change how it logs in, so the
     * check stands aside): "Not logged in" is {@code auth}, final, and neither a turn nor a cost —
     * although claude reports {@code num_turns: 1} beside it — and the budget's cap reaches claude
     * as its own {@code --max-budget-usd}, which it accepts.
     */
    @Test
    void claudesOwnNotLoggedInAttemptIsAuthFinalAndNeitherATurnNorACost() throws Exception {
        cli("claude");
        Path settings = Files.writeString(project.resolve("claude-settings.json"), "{}");
        String command = String.join(" ", AgentProfile.CLAUDE.template()) + " --settings " + settings;

        Run run = run("--agent", command, "--agent-workers", "1", "--max-budget-usd", "1");

        JsonNode summary = assertStoppedAfterOneAuthFailure(run, "claude", "`claude auth login`");
        JsonNode failed = task(summary, summary.get("failed").get(0).get("id").asText());
        assertThat(Files.readString(run.session().resolve("logs/" + failed.get("id").asText() + ".log")))
                .as("claude printed its JSON result: it ran, with every flag").contains("\"num_turns\":1", "Not logged in");
        assertThat(summary.get("agent_usage").get("turns").isNull()).as("no turn: " + summary.get("agent_usage")).isTrue();
        assertThat(summary.get("agent_usage").get("cost_usd").asDouble()).isZero();
        assertThat(run.result().stdout()).doesNotContain(" turn");
        JsonNode budget = summary.get("agent_budget");
        assertThat(budget.get("max_usd").asDouble()).as(budget.toString()).isEqualTo(1.0);
        assertThat(budget.get("spent_usd").asDouble()).isZero();
        assertThat(budget.get("reached").asBoolean()).isFalse();
    }

    /**
     * codex's own flags (the pre-check never lets {@code codex exec} run without a login): the
     * profile's command line, run directly, gets past its argument parser and prints its session
     * banner with the sandbox the profile asked for; it is stopped there (offline it would go on
     * reconnecting, online it would end 401).
     */
    @Test
    void codexAcceptsEveryFlagOfItsProfile() throws Exception {
        Path codex = cli("codex");
        List<String> argv = new ArrayList<>(AgentProfile.CODEX.template());
        argv.set(0, codex.toString());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(project.toFile()).redirectErrorStream(true);
        noCredentials(builder.environment());
        Path out = project.resolve("codex.out");
        Path prompt = Files.writeString(project.resolve("prompt.md"), "Write docs/a.md with one line\n");
        Process process = builder.redirectOutput(out.toFile()).redirectInput(prompt.toFile()).start();
        try {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (process.isAlive() && !Files.readString(out).contains("sandbox: ") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String output = Files.readString(out);
            assertThat(output).as("codex exec got past its arguments")
                    .contains("OpenAI Codex v" + pinnedVersions().get("@openai/codex"), "sandbox: workspace-write")
                    .doesNotContain(USAGE_ERRORS);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertNothingLeftBehind();
    }
}
