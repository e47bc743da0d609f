package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: bin/orchestrate, from another directory, on a copy of the quickstart example. */
class LauncherIT {

    static final Path BASEDIR = Path.of(System.getProperty("orchestrate.basedir", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    private Process launch(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = BASEDIR.resolve("bin/orchestrate").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("CI", "true");
        builder.environment().remove("GITHUB_ACTIONS");
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("bin/orchestrate finished").isTrue();
        return process;
    }

    private String out() throws Exception {
        return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    }

    /** SIGQUIT makes the JVM print a thread dump: on stderr, so that --json's stdout stays JSON lines only. */
    @Test
    void sigquitNeverPrintsAThreadDumpOnStdout() throws Exception {
        Signals.assumeNotIgnored("QUIT");
        Files.writeString(dir.resolve("tasks.md"), "### T001: sleep\n\n```bash\nsleep 4\n```\n");
        ProcessBuilder builder = new ProcessBuilder(BASEDIR.resolve("bin/orchestrate").toString(), "--json", "tasks.md")
                .directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("CI", "true");
        builder.environment().remove("GITHUB_ACTIONS");
        Process process = builder.start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        java.util.List<String> lines = new java.util.ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains("\"task_started\"")) {
                break;
            }
        }
        for (int i = 0; i < 3; i++) {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).inheritIO().start().waitFor();
            Thread.sleep(200);
        }
        while ((line = out.readLine()) != null) {
            lines.add(line);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String each : lines) {
            assertThat(json.readTree(each).isObject()).as("a JSON object on stdout: %s", each).isTrue();
        }
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("Full thread dump");
    }

    @Test
    void runsTheQuickstartExampleFromAnyDirectory() throws Exception {
        Path tasks = dir.resolve("quickstart/tasks.md");
        Files.createDirectories(tasks.getParent());
        Files.copy(BASEDIR.resolve("examples/quickstart/tasks.md"), tasks);

        Process process = launch("quickstart/tasks.md");

        assertThat(process.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(out()).startsWith("Using tasks from quickstart/tasks.md").contains("EXECUTION SUMMARY", "Completed: 7 of 7 tasks");
        assertThat(Files.readString(dir.resolve("err.txt"))).doesNotContain("warning", "Exception");
    }

    @Test
    void passesItsArgumentsThrough() throws Exception {
        Process process = launch("--version");

        assertThat(process.exitValue()).isZero();
        assertThat(out()).startsWith("orchestrate ");
        assertThat(launch("--workers", "9").exitValue()).isEqualTo(2);
    }
}
