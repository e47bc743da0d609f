package dev.orchestrate.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlanSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Plans of task files and the pipelines exported from them, read back as YAML. */
final class Pipelines {

    static final YAMLMapper YAML = new YAMLMapper();

    private Pipelines() {
    }

    static ExecutionPlan plan(Path root, String text, int workers) {
        try {
            Path file = root.resolve("tasks.md");
            Files.writeString(file, text);
            return PlanSource.load(file, root, root, new PlanSettings(workers, Duration.ofSeconds(30), Duration.ofMinutes(30), false))
                    .plan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExportSettings settings() {
        return new ExportSettings("tasks.md", "orchestrate", 3, Optional.empty(), Optional.of("claude"), false);
    }

    static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML:\n" + yaml, e);
        }
    }

    /** {@code n} independent shell tasks, heading style (no list order). */
    static String independent(int n) {
        StringBuilder text = new StringBuilder("# Tasks\n\n");
        for (int i = 1; i <= n; i++) {
            text.append(String.format("### T%04d: task %d%n**Depends**: none%n%n```bash%necho %d%n```%n%n", i, i, i));
        }
        return text.toString();
    }
}
