package dev.orchestrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.task.Priority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessControlTest {

    @TempDir
    Path tmp;

    private Harness harness;
    private String marker;

    @BeforeEach
    void setUp() throws IOException {
        harness = new Harness(tmp);
        // a sleep length no other process on the machine uses: it shows in every command line we start
        marker = "3600." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    @AfterEach
    void tearDown() {
        Harness.processesWith(marker).forEach(ProcessHandle::destroyForcibly);
        harness.close();
    }

    /** A grandchild that ignores TERM (and so does its own child), under a shell that waits. */
    private String hungTreeIgnoringTerm() {
        return "bash -c 'trap \"\" TERM; sleep " + marker + "; true' & sleep " + marker + "; wait";
    }

    @Test
    void aTaskOverItsTimeLimitIsKilledWithItsWholeTreeAndItsWorkerReplaced() throws IOException {
        Plans plans = Plans.plan();
        plans.task("HUNG", hungTreeIgnoringTerm()).files("hung.txt").timeout(Duration.ofSeconds(1));
        plans.task("AFTER", "echo $ORCHESTRATE_WORKER_ID > after.txt").files("hung.txt").priority(Priority.P3);

        RunResult result = harness.run(plans.build(), harness.settings(2, 2));

        assertThat(Harness.processesWith(marker)).isEmpty();
        TaskResult hung = result.tasks().get("HUNG");
        assertThat(hung.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(hung.reason()).contains("timeout after 1s");
        assertThat(hung.attempts()).extracting(Attempt::worker).containsExactly("worker-1", "worker-2");
        assertThat(hung.attempts()).allSatisfy(a -> {
            assertThat(a.exitCode()).isEmpty();
            assertThat(a.duration()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        });
        assertThat(harness.events(Event.WorkerReplaced.class)).satisfiesExactly(
                first -> {
                    assertThat(first.worker()).isEqualTo("worker-1");
                    assertThat(first.task()).contains("HUNG");
                    assertThat(first.reason()).isEqualTo("timeout after 1s");
                },
                second -> {
                    assertThat(second.worker()).isEqualTo("worker-2");
                    assertThat(second.task()).isEmpty();
                });
        // the replacement worker-1 works, and the hung task's lock was released
        assertThat(result.tasks().get("AFTER").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(harness.lines("after.txt")).containsExactly("worker-1");
        assertThat(Files.readString(harness.session.log("HUNG"))).contains("=== timeout after 1s ===");
        assertThat(harness.lockFiles()).isEmpty();
    }

    @Test
    void interruptingARunStopsEveryProcessPromptlyAndReleasesTheLocks() throws Exception {
        Plans plans = Plans.plan();
        String started = "touch started-$ORCHESTRATE_TASK_ID; ";
        plans.task("SLEEP1", started + "sleep " + marker).files("one.txt");
        plans.task("SLEEP2", started + "sleep " + marker).files("two.txt");
        plans.task("IGNORES-TERM", started + hungTreeIgnoringTerm()).files("three.txt");
        plans.task("ESCAPED", started + "(sleep " + marker + " &); sleep " + marker);
        plans.task("QUEUED", "touch queued-ran").files("one.txt");
        plans.task("LATER", "touch later-ran").priority(Priority.P3);
        AtomicLong interruptedAt = new AtomicLong();
        AtomicReference<Throwable> interrupterFailed = new AtomicReference<>();
        Thread interrupter = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (harness.coordinator == null || !allStarted("SLEEP1", "SLEEP2", "IGNORES-TERM", "ESCAPED")) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the tasks never started");
                    }
                    Thread.sleep(10);
                }
                Thread.sleep(100); // let the shells start their children
                interruptedAt.set(System.nanoTime());
                harness.coordinator.interrupt();
            } catch (Throwable t) {
                interrupterFailed.set(t);
            }
        });
        interrupter.start();

        RunResult result = harness.run(plans.build(), harness.settings(5, 3));
        long stoppedIn = System.nanoTime() - interruptedAt.get();
        interrupter.join();

        assertThat(interrupterFailed.get()).isNull();
        assertThat(result.interrupted()).isTrue();
        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(Duration.ofNanos(stoppedIn)).isLessThan(Harness.KILL_GRACE.plus(Duration.ofSeconds(1)));
        assertThat(Harness.processesWith(marker)).isEmpty();
        assertThat(harness.lockFiles()).isEmpty();
        for (String id : new String[] {"SLEEP1", "SLEEP2", "IGNORES-TERM", "ESCAPED"}) {
            TaskResult stopped = result.tasks().get(id);
            assertThat(stopped.status()).isEqualTo(TaskStatus.STOPPED);
            assertThat(stopped.reason()).contains("interrupted");
            assertThat(stopped.attempts()).singleElement().satisfies(a -> assertThat(a.error()).contains("stopped"));
        }
        assertThat(result.tasks().get("QUEUED").status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(result.tasks().get("LATER").status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(harness.root.resolve("queued-ran")).doesNotExist();
        assertThat(harness.root.resolve("later-ran")).doesNotExist();
        assertThat(harness.events.get(harness.events.size() - 1)).isInstanceOf(Event.RunFinished.class);
    }

    /**
     * {@code ( (writer) & ); sleep}: the writer leaves the attempt's tree at once. It must be gone
     * before the time-out releases the lock, so that it never writes while the next task holds it.
     */
    @RepeatedTest(20)
    void aTimedOutAttemptsDoubleForkedWriterIsGoneBeforeItsLockIsReleased() throws IOException {
        Plans plans = Plans.plan();
        plans.task("HUNG", "( (while true; do echo A >> shared.txt; sleep 0.02; done; sleep " + marker + ") & ); sleep " + marker)
                .files("shared.txt").timeout(Duration.ofSeconds(1));
        plans.task("NEXT", "echo B-start >> shared.txt; sleep 0.5; echo B-end >> shared.txt")
                .files("shared.txt").priority(Priority.P3);

        RunResult result = harness.run(plans.build(), harness.settings(2, 1));

        assertThat(result.tasks().get("HUNG").reason()).contains("timeout after 1s");
        assertThat(result.tasks().get("NEXT").status()).isEqualTo(TaskStatus.COMPLETED);
        List<String> lines = harness.lines("shared.txt");
        assertThat(lines).contains("A");
        assertThat(lines.subList(lines.indexOf("B-start"), lines.size()))
                .as("what was written into shared.txt while NEXT held its lock").containsExactly("B-start", "B-end");
        assertThat(Harness.processesWith(marker)).isEmpty();
    }

    /** An earlier run on the same session path left a process: stopping this run leaves it alone. */
    @Test
    void theInterruptCleanUpStopsThisRunsProcessesOnlyNotAnEarlierRunsOnTheSameSessionPath() throws Exception {
        ProcessBuilder earlier = new ProcessBuilder("sleep", marker);
        earlier.environment().put("ORCHESTRATE_SESSION_DIR", harness.session.dir().toString());
        earlier.environment().put("ORCHESTRATE_RUN_ID", "an-earlier-run");
        Process daemon = earlier.start();
        try {
            Plans plans = Plans.plan();
            plans.task("SLEEP", "touch started-$ORCHESTRATE_TASK_ID; (sleep " + marker + " &); sleep " + marker);
            Thread interrupter = new Thread(() -> {
                try {
                    while (!allStarted("SLEEP")) {
                        Thread.sleep(10);
                    }
                    Thread.sleep(100);
                    harness.coordinator.interrupt();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            interrupter.start();

            RunResult result = harness.run(plans.build(), harness.settings(1, 1));
            interrupter.join();

            assertThat(result.tasks().get("SLEEP").status()).isEqualTo(TaskStatus.STOPPED);
            assertThat(Harness.processesWith(marker)).as("what is left").extracting(ProcessHandle::pid)
                    .containsExactly(daemon.pid());
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void anInterruptBeforeTheRunStartsRunsNothing() {
        Plans plans = Plans.plan();
        plans.task("A", "touch a-ran");
        Coordinator coordinator = new Coordinator(plans.build(), harness.session, harness.settings(1, 1),
                harness.events::add, java.time.Clock.systemUTC());
        coordinator.interrupt();

        RunResult result = coordinator.run();

        assertThat(result.interrupted()).isTrue();
        assertThat(result.tasks().get("A").status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(harness.root.resolve("a-ran")).doesNotExist();
    }

    private boolean allStarted(String... ids) {
        for (String id : ids) {
            if (!Files.exists(harness.root.resolve("started-" + id))) {
                return false;
            }
        }
        return true;
    }
}
