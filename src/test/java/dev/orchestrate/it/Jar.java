package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built fat jar the way a user does: a real JVM, a real working directory, no TTY. */
final class Jar {

    record Result(int exitCode, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    private Jar() {
    }

    static Path path() {
        Path jar = Path.of(System.getProperty("orchestrate.jar", "target/orchestrate.jar"));
        assertThat(jar).as("the fat jar, built by mvn package before the integration tests").isRegularFile();
        return jar;
    }

    static ProcessBuilder builder(Path workingDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", path().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().remove("GITHUB_ACTIONS");
        builder.environment().remove("GITHUB_STEP_SUMMARY");
        builder.environment().remove("NO_COLOR");
        builder.environment().put("CI", "true");
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return builder;
    }

    /**
     * Reads a started jar's stdout until {@code count} lines contain {@code text}, then drains the
     * rest in the background so the process never blocks on a full pipe.
     *
     * @return how many such lines came: fewer than {@code count} when stdout ended first
     */
    static int awaitLines(Process process, String text, int count) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int seen = 0;
        String line;
        while (seen < count && (line = out.readLine()) != null) {
            if (line.contains(text)) {
                seen++;
            }
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return seen;
    }

    static Result run(Path workingDir, String... args) throws IOException, InterruptedException {
        return run(workingDir, Map.of(), Duration.ofSeconds(120), args);
    }

    static Result run(Path workingDir, Map<String, String> env, Duration limit, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("orchestrate-it", ".out");
        Path err = Files.createTempFile("orchestrate-it", ".err");
        try {
            Process process = builder(workingDir, env, args)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("orchestrate did not finish within " + limit + ": " + Files.readString(out));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
