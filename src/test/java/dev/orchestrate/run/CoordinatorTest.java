package dev.orchestrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.Priority;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CoordinatorTest extends HarnessFixture {

    private static final String RECORD = "echo \"start $ORCHESTRATE_TASK_ID\" >> order.log; sleep %s; echo \"end $ORCHESTRATE_TASK_ID\" >> order.log";


    private static String recorded(String sleep) {
        return String.format(RECORD, sleep);
    }

    @Test
    void everyAttemptThatRanReportsTheSchedulersOverheadAroundItsProcess() {
        Plans plans = Plans.plan();
        plans.task("OK", "sleep 0.2");
        plans.task("FAILS", "exit 3");

        harness.run(plans.build(), harness.settings(2, 1));

        Event.Overhead ok = harness.events(Event.TaskCompleted.class).get(0).overhead().orElseThrow();
        Event.Overhead fails = harness.events(Event.TaskFailed.class).get(0).overhead().orElseThrow();
        for (Event.Overhead overhead : List.of(ok, fails)) {
            // spawning a process and writing the inbox take milliseconds, not the task's own 0.2 s
            assertThat(overhead.toStart()).isPositive().isLessThan(java.time.Duration.ofSeconds(5));
            assertThat(overhead.toReport()).isPositive().isLessThan(java.time.Duration.ofSeconds(5));
            assertThat(overhead.promptBytes()).isEmpty();
        }
    }

    @Test
    void commandsRunInTheRootWithBashAndTheOrchestrateVariables() throws IOException {
        Plans plans = Plans.plan();
        plans.task("T001", "printf '%s\\n' \"$ORCHESTRATE_TASK_ID\" \"$ORCHESTRATE_WORKER_ID\" \"$ORCHESTRATE_ATTEMPT\" "
                + "\"$ORCHESTRATE_SESSION_DIR\" \"$PWD\" \"$EXTRA\" > env.txt; echo to-stdout; echo to-stderr >&2; "
                + "read line || echo stdin-is-empty");
        plans.task("PIPEFAIL", "false | true");
        plans.task("ERREXIT", "false; echo never-printed");
        RunSettings settings = new RunSettings(2, 1, Schedule.DAG, harness.root, Harness.KILL_GRACE, Map.of("EXTRA", "extra-value"));

        RunResult result = harness.run(plans.build(), settings);

        assertThat(harness.lines("env.txt")).containsExactly("T001", "worker-1", "1",
                harness.session.dir().toString(), harness.root.toString(), "extra-value");
        String log = Files.readString(harness.session.log("T001"));
        assertThat(log).startsWith("=== T001 attempt 1/1 on worker-1 at ")
                .contains("to-stdout", "to-stderr", "stdin-is-empty");
        assertThat(result.tasks().get("PIPEFAIL").reason()).contains("exit 1");
        assertThat(result.tasks().get("ERREXIT").reason()).contains("exit 1");
        assertThat(Files.readString(harness.session.log("ERREXIT"))).doesNotContain("never-printed");
    }

    @Test
    void aFailingTaskIsRetriedOnOtherWorkersUntilItPasses() throws IOException {
        Plans plans = Plans.plan();
        plans.task("FLAKY", "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo \"try $n\"; test $n -ge 3");

        RunResult result = harness.run(plans.build(), harness.settings(3, 3));

        TaskResult flaky = result.tasks().get("FLAKY");
        assertThat(flaky.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(flaky.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3);
        assertThat(flaky.attempts()).extracting(Attempt::worker).doesNotHaveDuplicates();
        assertThat(flaky.attempts().get(0).error()).contains("exit 1");
        assertThat(flaky.attempts().get(0).exitCode()).isEqualTo(OptionalInt.of(1));
        assertThat(harness.events(Event.TaskFailed.class)).extracting(Event.TaskFailed::attempt, Event.TaskFailed::givingUp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(2, false));
        assertThat(harness.events(Event.TaskCompleted.class)).singleElement()
                .satisfies(c -> assertThat(c.attempt()).isEqualTo(3));
        String log = Files.readString(harness.session.log("FLAKY"));
        assertThat(log.lines().filter(l -> l.startsWith("=== FLAKY attempt "))).hasSize(3);
        assertThat(log).contains("attempt 2/3 on worker-2", "try 3");
        assertThat(result.workersUsed()).isEqualTo(3);
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aTaskThatKeepsFailingIsGivenUpAndEveryTaskDependingOnItIsSkipped() {
        Plans plans = Plans.plan();
        plans.task("A", "echo boom; exit 7");
        plans.task("B", "true").dependsOn("A");
        plans.task("C", "true").dependsOn("B");
        plans.task("D", "true");

        RunResult result = harness.run(plans.build(), harness.settings(2, 2));

        assertThat(result.tasks().get("A").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.tasks().get("A").reason()).contains("exit 7");
        assertThat(result.tasks().get("A").attempts()).hasSize(2);
        assertThat(result.tasks().get("B").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(result.tasks().get("B").blockedBy()).containsExactly("A");
        assertThat(result.tasks().get("C").blockedBy()).containsExactly("A");
        assertThat(result.tasks().get("C").attempts()).isEmpty();
        assertThat(result.tasks().get("D").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(harness.events(Event.TaskFailed.class)).extracting(Event.TaskFailed::givingUp).containsExactly(false, true);
        assertThat(harness.events(Event.TaskFailed.class).get(1).exitCode()).isEqualTo(OptionalInt.of(7));
        assertThat(harness.events(Event.TaskSkipped.class)).extracting(Event.TaskSkipped::task).containsExactly("B", "C");
        assertThat(harness.events(Event.TaskSkipped.class)).allSatisfy(s -> assertThat(s.blockedBy()).containsExactly("A"));
    }

    @Test
    void aTaskThatCannotStartFailsWithTheReason() {
        Plans plans = Plans.plan();
        plans.agentTask("AGENT");

        RunResult result = harness.run(plans.build(), harness.settings(1, 2));

        assertThat(result.tasks().get("AGENT").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.tasks().get("AGENT").reason()).hasValueSatisfying(r -> assertThat(r).startsWith("cannot start: "));
        assertThat(result.tasks().get("AGENT").attempts()).allSatisfy(a -> assertThat(a.exitCode()).isEmpty());
    }

    @Test
    void tasksTheFileMarksDoneAreNotRunAndCountAsCompletedForTheirDependents() {
        Plans plans = Plans.plan();
        plans.task("DONE", "exit 1").done();
        plans.task("NEXT", "true").dependsOn("DONE");

        RunResult result = harness.run(plans.build(), harness.settings(2, 1));

        assertThat(result.tasks().get("DONE").status()).isEqualTo(TaskStatus.ALREADY_DONE);
        assertThat(result.tasks().get("NEXT").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.exitCode()).isZero();
        assertThat(harness.events(Event.RunStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.toRun()).isEqualTo(1));
    }

    @Test
    void aPlanWithNothingToRunFinishesAtOnceWithoutAWorker() {
        Plans plans = Plans.plan();
        plans.task("DONE", "true").done();

        RunResult result = harness.run(plans.build(), harness.settings(5, 3));

        assertThat(result.exitCode()).isZero();
        assertThat(result.workersUsed()).isZero();
        assertThat(harness.events).extracting(Event::type).containsExactly("run_started", "run_finished");
        assertThat(harness.session.messages().resolve("worker-1-inbox.json")).doesNotExist();
    }

    @Test
    void everyEventComesOnTheCoordinatorThreadFromRunStartedToRunFinished() {
        Plans plans = Plans.plan();
        for (int i = 1; i <= 8; i++) {
            plans.task("T00" + i, i % 3 == 0 ? "exit 2" : "true");
        }

        RunResult result = harness.run(plans.build(), harness.settings(3, 2));

        assertThat(harness.events.get(0)).isInstanceOf(Event.RunStarted.class);
        assertThat(harness.events.get(harness.events.size() - 1)).isInstanceOfSatisfying(Event.RunFinished.class,
                finished -> assertThat(finished.result()).isSameAs(result));
        assertThat(harness.eventThreads).containsOnly(Thread.currentThread());
        assertThat(harness.events).extracting(Event::ts).isSorted();
        assertThat(result.tasks().keySet()).containsExactly("T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008");
        assertThat(result.count(TaskStatus.COMPLETED)).isEqualTo(6);
        assertThat(result.count(TaskStatus.FAILED)).isEqualTo(2);
    }

    /** The ordering rules on real processes, once: SchedulerTest.OnSimulatedWorkers checks them on a fake clock. */
    @Test
    void groupsScheduleHoldsEachGroupBehindABarrier() throws IOException {
        Plans plans = Plans.plan();
        plans.task("A", recorded("0.3")).group("G1");
        plans.task("B", recorded("0")).group("G1");
        plans.task("C", recorded("0")).group("G2");
        RunSettings groups = new RunSettings(3, 1, Schedule.GROUPS, harness.root, Harness.KILL_GRACE);

        harness.run(plans.build(), groups);

        List<String> order = harness.lines("order.log");
        assertThat(order.indexOf("end A")).isLessThan(order.indexOf("start C"));
        assertThat(harness.events(Event.GroupCompleted.class)).extracting(Event.GroupCompleted::group, Event.GroupCompleted::tasks)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("G1", 2), org.assertj.core.groups.Tuple.tuple("G2", 1));
        assertThat(harness.indexOf(Event.TaskCompleted.class, "A"))
                .isLessThan(harness.events.indexOf(harness.events(Event.GroupCompleted.class).get(0)));
    }

    @Test
    void aWorkerThreadThatDiesIsReplacedUnderTheSameIdAndItsTaskResumed() {
        Plans plans = Plans.plan();
        plans.task("A", "true").files("a.txt");
        plans.task("B", "true").files("a.txt").priority(Priority.P3);
        ShellExecutor shell = new ShellExecutor();
        AtomicBoolean crashed = new AtomicBoolean();
        TaskExecutor crashingOnce = (PlannedTask task, AttemptContext context) -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("boom");
            }
            return shell.start(task, context);
        };

        RunResult result = harness.run(plans.build(), harness.settings(1, 3), crashingOnce, Thread::new);

        assertThat(harness.events(Event.WorkerReplaced.class)).singleElement().satisfies(replaced -> {
            assertThat(replaced.worker()).isEqualTo("worker-1");
            assertThat(replaced.task()).contains("A");
            assertThat(replaced.reason()).contains("worker crashed", "boom");
        });
        TaskResult a = result.tasks().get("A");
        assertThat(a.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(a.attempts()).extracting(Attempt::worker).containsExactly("worker-1", "worker-1");
        assertThat(a.attempts().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("worker crashed"));
        assertThat(result.tasks().get("B").status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void noWorkerThatCanStartIsACriticalFailure() {
        Plans plans = Plans.plan();
        plans.task("A", "true");
        plans.task("B", "true");

        RunResult result = harness.run(plans.build(), harness.settings(2, 1), new ShellExecutor(), runnable -> {
            throw new IllegalStateException("unable to create native thread");
        });

        assertThat(result.criticalFailure()).hasValueSatisfying(r -> assertThat(r).startsWith("no worker can be started"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.tasks().values()).extracting(TaskResult::status).containsOnly(TaskStatus.NOT_RUN);
        assertThat(harness.events.get(harness.events.size() - 1)).isInstanceOf(Event.RunFinished.class);
    }

    @Test
    void givingUpEveryP0TaskIsACriticalFailure() throws IOException {
        Plans plans = Plans.plan();
        plans.task("CRIT", "exit 1").priority(Priority.P0);
        plans.task("CRIT2", "true").priority(Priority.P0).dependsOn("CRIT");
        plans.task("LATER", "touch later-ran").priority(Priority.P2);

        RunResult result = harness.run(plans.build(), harness.settings(2, 1));

        assertThat(result.criticalFailure()).contains("every P0 task was given up: CRIT");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.tasks().get("CRIT2").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(result.tasks().get("LATER").status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(harness.root.resolve("later-ran")).doesNotExist();
    }

    @Test
    void aSessionFolderThatCannotBeWrittenIsACriticalFailure() throws IOException {
        Files.delete(harness.session.messages());
        Files.writeString(harness.session.messages(), "in the way");
        Plans plans = Plans.plan();
        plans.task("A", "touch a-ran");

        RunResult result = harness.run(plans.build(), harness.settings(1, 1));

        assertThat(result.criticalFailure()).hasValueSatisfying(r -> assertThat(r).startsWith("session folder cannot be written"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.tasks().get("A").status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(harness.root.resolve("a-ran")).doesNotExist();
    }

    @Test
    void workersUsedCountsTheWorkersThatRanAnAttempt() {
        Plans plans = Plans.plan();
        plans.task("A", "true");

        RunResult result = harness.run(plans.build(), harness.settings(5, 1));

        assertThat(result.workersUsed()).isEqualTo(1);
        assertThat(Optional.of(harness.session.messages().resolve("worker-2-inbox.json"))).get()
                .satisfies(p -> assertThat(p).doesNotExist());
    }
}
