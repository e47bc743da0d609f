package dev.orchestrate.event;

import static dev.orchestrate.JsonNodes.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrate.event.Terminal.Verbosity;
import dev.orchestrate.run.EventListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesPrinterTest {

    @TempDir
    Path dir;
    final Screen screen = new Screen();
    final ObjectMapper mapper = new ObjectMapper();

    private List<JsonNode> run() throws IOException {
        Terminal terminal = screen.terminal(false, false, true, false, Verbosity.VERBOSE);
        EventListener listeners = EventListener.all(List.of(new JsonLinesPrinter(terminal, RunFixture.sample(dir.resolve("tasks.md"))),
                // the human view on the same terminal must stay silent under --json
                new ConsolePrinter(RunFixture.sample(dir.resolve("tasks.md")), terminal, Clock.systemUTC())));
        RunFixture.sampleEvents(dir).forEach(listeners::on);
        listeners.close();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : screen.lines()) {
            objects.add(mapper.readTree(line));
        }
        return objects;
    }

    @Test
    void everyEventIsOneJsonObjectOnItsOwnLineAndNothingElse() throws IOException {
        List<JsonNode> objects = run();

        assertThat(objects).hasSize(RunFixture.sampleEvents(dir).size());
        assertThat(objects).allMatch(JsonNode::isObject);
        assertThat(objects).extracting(o -> o.get("type").asText()).containsExactly(
                "run_started", "task_started", "task_started", "task_started", "task_failed", "task_started",
                "task_completed", "task_started", "task_completed", "task_started", "task_completed", "group_completed",
                "task_completed", "task_failed", "worker_replaced", "task_started", "task_failed", "task_started",
                "task_failed", "task_skipped", "run_finished");
        assertThat(objects).allMatch(o -> o.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void runStartedNamesTheSchemaVersionAndTaskEventsTheTitle() throws IOException {
        List<JsonNode> objects = run();

        assertThat(objects.get(0).get("schema_version").asInt()).isEqualTo(JsonLinesPrinter.SCHEMA_VERSION);
        assertThat(objects.get(0).get("task_file").asText()).endsWith("tasks.md");
        assertThat(objects.get(1).get("title").asText()).isEqualTo("Create the user model");
        assertThat(names(objects.get(1))).containsSubsequence("type", "ts", "task", "title", "worker");
        JsonNode group = objects.get(11);
        assertThat(group.get("completed").asInt()).isEqualTo(3);
        assertThat(group.get("already_done").asInt()).isEqualTo(1);
        assertThat(group.get("failed").asInt()).isZero();
        JsonNode finished = objects.get(objects.size() - 1);
        assertThat(finished.get("flaky").asInt()).isEqualTo(1);
        assertThat(finished.get("stopped").asInt()).isZero();
    }

    @Test
    void docsEventsMdDescribesEveryEventAndEveryFieldPrinted() throws IOException {
        String doc = java.nio.file.Files.readString(Path.of("docs/events.md"));
        for (JsonNode object : run()) {
            assertThat(doc).contains("## `" + object.get("type").asText() + "`");
            for (String field : names(object)) {
                assertThat(doc).as("field %s of %s", field, object.get("type")).contains("`" + field + "`");
            }
        }
        for (String type : List.of("files_changed_outside", "agents_paused", "pause_ms", "files", "overhead", "to_start_ms")) {
            assertThat(doc).contains("`" + type + "`");
        }
    }

    @Test
    void taskEventsCarryTaskWorkerAttemptAndError() throws IOException {
        List<JsonNode> objects = run();

        JsonNode started = objects.get(1);
        assertThat(started.get("task").asText()).isEqualTo("T001");
        assertThat(started.get("worker").asText()).isEqualTo("worker-1");
        assertThat(started.get("attempt").asInt()).isEqualTo(1);
        JsonNode failed = objects.get(4);
        assertThat(failed.get("error").asText()).isEqualTo("exit 1");
        assertThat(failed.get("exit_code").asInt()).isEqualTo(1);
        assertThat(failed.get("giving_up").asBoolean()).isFalse();
        JsonNode timedOut = objects.get(18);
        assertThat(timedOut.get("exit_code").isNull()).isTrue();
        assertThat(timedOut.get("giving_up").asBoolean()).isTrue();
        JsonNode completed = objects.get(6);
        assertThat(completed.get("duration_ms").asLong()).isEqualTo(1400);
        JsonNode replaced = objects.get(14);
        assertThat(replaced.get("worker").asText()).isEqualTo("worker-3");
        assertThat(replaced.get("task").asText()).isEqualTo("T007");
        JsonNode skipped = objects.get(19);
        assertThat(skipped.get("blocked_by").get(0).asText()).isEqualTo("T007");
        JsonNode group = objects.get(11);
        assertThat(group.get("group").asText()).isEqualTo("G1");
        assertThat(group.get("tasks").asInt()).isEqualTo(4);
    }

    @Test
    void runFinishedCarriesTheExitCodeTheCountsAndTheDuration() throws IOException {
        JsonNode finished = run().get(20);

        assertThat(finished.get("exit_code").asInt()).isEqualTo(1);
        assertThat(finished.get("completed").asInt()).isEqualTo(4);
        assertThat(finished.get("failed").asInt()).isEqualTo(1);
        assertThat(finished.get("skipped").asInt()).isEqualTo(1);
        assertThat(finished.get("already_done").asInt()).isEqualTo(1);
        assertThat(finished.get("duration_ms").asLong()).isEqualTo(20_000);
        assertThat(finished.get("speedup").asDouble()).isEqualTo(1.46); // 23.6 s busy over a 16.2 s makespan
        assertThat(finished.get("workers_used").asInt()).isEqualTo(3);
    }
}
