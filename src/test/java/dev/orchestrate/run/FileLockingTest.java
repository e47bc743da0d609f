package dev.orchestrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.session.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLockingTest {

    /** Fails when another holder of the probe is inside the critical section ({@code mkdir} is atomic). */
    private static String probe(String name, String seconds) {
        return "mkdir probe-" + name + ".d; sleep " + seconds + "; rmdir probe-" + name + ".d";
    }

    @TempDir
    Path tmp;

    private Harness harness;

    @BeforeEach
    void setUp() throws IOException {
        harness = new Harness(tmp);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void tasksThatModifyTheSameFileNeverOverlap() throws IOException {
        Plans plans = Plans.plan();
        for (int round = 1; round <= 50; round++) {
            for (char copy = 'a'; copy <= 'c'; copy++) {
                plans.task("R" + round + copy, probe("round-" + round, "0.01")).files("src/round-" + round + ".txt");
            }
        }

        RunResult result = harness.run(plans.build(), harness.settings(5, 1));

        assertThat(result.tasks().values()).allSatisfy(t -> assertThat(t.status()).as(t.id() + " " + t.reason())
                .isEqualTo(TaskStatus.COMPLETED));
        assertThat(harness.events(Event.TaskDeferred.class)).isNotEmpty();
        assertThat(harness.lockFiles()).isEmpty();
    }

    @Test
    void withoutLocksTheSameProbeCatchesOverlappingTasks() {
        Plans plans = Plans.plan();
        for (int copy = 1; copy <= 5; copy++) {
            plans.task("U" + copy, probe("unlocked", "0.3"));
        }

        RunResult result = harness.run(plans.build(), harness.settings(5, 1));

        assertThat(result.count(TaskStatus.FAILED)).isPositive();
    }

    @Test
    void aDeferredTaskStartsTheMomentTheLockItWaitsForIsReleased() throws IOException {
        Plans plans = Plans.plan();
        plans.task("HOLDER", "sleep 0.4").files("./shared/x.txt");
        plans.task("WAITER", "true").files("shared/x.txt");
        plans.task("FREE", "sleep 0.1").files("shared/other.txt");

        RunResult result = harness.run(plans.build(), harness.settings(3, 1));

        assertThat(result.exitCode()).isZero();
        assertThat(harness.events(Event.TaskDeferred.class)).singleElement().satisfies(deferred -> {
            assertThat(deferred.task()).isEqualTo("WAITER");
            assertThat(deferred.lockedBy()).isEqualTo("worker-1");
            assertThat(deferred.path()).isEqualTo("shared/x.txt");
        });
        int holderDone = harness.indexOf(Event.TaskCompleted.class, "HOLDER");
        int waiterStarted = harness.indexOf(Event.TaskStarted.class, "WAITER");
        assertThat(harness.indexOf(Event.TaskDeferred.class, "WAITER")).isLessThan(holderDone);
        assertThat(waiterStarted).isEqualTo(holderDone + 1);
        Duration gap = Duration.between(harness.events.get(holderDone).ts(), harness.events.get(waiterStarted).ts());
        assertThat(gap).isLessThan(Duration.ofMillis(100));
        // FREE did not wait behind the deferred task
        assertThat(harness.indexOf(Event.TaskStarted.class, "FREE")).isLessThan(holderDone);
        assertThat(harness.lockFiles()).isEmpty();
    }

    @Test
    void aTaskWaitingForABusyFileIsReportedDeferredOnceNotAtEveryRelease() {
        Plans plans = Plans.plan();
        for (int i = 1; i <= 6; i++) {
            plans.task("W" + i, "sleep 0.05").files("hot.txt");
        }

        RunResult result = harness.run(plans.build(), harness.settings(5, 1));

        assertThat(result.exitCode()).isZero();
        // W1 runs; W2..W5 find the file locked and are told once each, however often they are woken
        assertThat(harness.events(Event.TaskDeferred.class)).extracting(Event.TaskDeferred::task)
                .doesNotHaveDuplicates()
                .containsExactly("W2", "W3", "W4", "W5", "W6");
    }

    @Test
    void theInboxNamesTheLockedFilesAndTheOutboxRecordsEveryAttempt() throws IOException {
        Plans plans = Plans.plan();
        plans.task("T001", "echo one").files("a.txt");
        plans.task("T002", "exit 3");
        plans.task("T003", "true").dependsOn("T001");

        RunResult result = harness.run(plans.build(), harness.settings(2, 1));

        int completed = 0;
        int failed = 0;
        for (String worker : new String[] {"worker-1", "worker-2"}) {
            JsonNode inbox = Json.mapper().readTree(harness.session.messages().resolve(worker + "-inbox.json").toFile());
            assertThat(inbox.path("worker_id").asText()).isEqualTo(worker);
            assertThat(inbox.path("session_folder").asText()).isEqualTo(harness.session.dir().toString());
            for (JsonNode task : inbox.path("tasks")) {
                assertThat(task.fieldNames()).toIterable()
                        .contains("id", "title", "attempt", "executor", "command", "files", "timeout_s");
                assertThat(task.path("executor").asText()).isEqualTo("shell");
                assertThat(task.path("timeout_s").asLong()).isEqualTo(10);
            }
            JsonNode outbox = Json.mapper().readTree(harness.session.messages().resolve(worker + "-outbox.json").toFile());
            assertThat(outbox.path("worker_id").asText()).isEqualTo(worker);
            for (JsonNode attempt : outbox.path("tasks_completed")) {
                assertThat(attempt.fieldNames()).toIterable().contains("id", "attempt", "duration_ms", "exit_code", "error");
                assertThat(attempt.path("exit_code").asInt()).isZero();
                assertThat(attempt.path("error").isNull()).isTrue();
                completed++;
            }
            for (JsonNode attempt : outbox.path("tasks_failed")) {
                assertThat(attempt.path("id").asText()).isEqualTo("T002");
                assertThat(attempt.path("exit_code").asInt()).isEqualTo(3);
                assertThat(attempt.path("error").asText()).isEqualTo("exit 3");
                failed++;
            }
        }
        assertThat(completed).isEqualTo(2);
        assertThat(failed).isEqualTo(1);
        JsonNode first = Json.mapper().readTree(harness.session.messages().resolve("worker-1-inbox.json").toFile()).path("tasks").get(0);
        assertThat(first.path("id").asText()).isEqualTo("T001");
        assertThat(first.path("command").asText()).isEqualTo("echo one");
        assertThat(first.path("files").get(0).asText()).isEqualTo("a.txt");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(harness.lockFiles()).isEmpty();
        try (java.util.stream.Stream<Path> messages = java.nio.file.Files.list(harness.session.messages())) {
            assertThat(messages.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "worker-1-inbox.json", "worker-1-outbox.json", "worker-2-inbox.json", "worker-2-outbox.json");
        }
    }
}
