package dev.orchestrate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orchestrate.run.Scheduler.State;
import dev.orchestrate.task.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Takes every ready task and starts it, as a coordinator with enough free workers would. */
    private static List<String> startAllReady(Scheduler scheduler) {
        List<String> started = new ArrayList<>();
        while (scheduler.hasReady()) {
            String id = scheduler.nextReady().orElseThrow();
            scheduler.started(id, T0);
            started.add(id);
        }
        return started;
    }

    /** Checks that exactly {@code expected} are ready, starts them and completes them. */
    private static void startsAndCompletes(Scheduler scheduler, String... expected) {
        assertThat(startAllReady(scheduler)).containsExactly(expected);
        for (String id : expected) {
            scheduler.completed(id, T0);
        }
    }

    @Test
    void aTaskIsReadyOnlyOnceAllItsDependenciesCompleted() {
        Plans plans = Plans.plan();
        plans.task("A", "true");
        plans.task("B", "true");
        plans.task("C", "true").dependsOn("A", "B");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        assertThat(startAllReady(scheduler)).containsExactly("A", "B");
        scheduler.completed("A", T0);
        assertThat(scheduler.hasReady()).isFalse();
        assertThat(scheduler.state("C")).isEqualTo(State.WAITING);
        scheduler.completed("B", T0);
        assertThat(startAllReady(scheduler)).containsExactly("C");
    }

    @Test
    void dependenciesOutsideThePlanAndDoneTasksCountAsMet() {
        Plans plans = Plans.plan();
        plans.task("A", "true").done();
        plans.task("B", "true").dependsOn("A", "UNKNOWN");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        assertThat(scheduler.state("A")).isEqualTo(State.ALREADY_DONE);
        assertThat(startAllReady(scheduler)).containsExactly("B");
    }

    @Test
    void noTaskOfALevelStartsBeforeEveryTaskOfTheLevelsBeforeItHasEnded() {
        Plans plans = Plans.plan();
        plans.tasksAt(Priority.P3, "LOW");
        plans.tasksAt(Priority.P1, "HIGH");
        plans.tasksAt(Priority.P0, "CRIT1", "CRIT2");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        assertThat(startAllReady(scheduler)).containsExactly("CRIT1", "CRIT2");
        scheduler.completed("CRIT1", T0);
        assertThat(scheduler.hasReady()).isFalse();
        scheduler.givenUp("CRIT2", T0);
        assertThat(startAllReady(scheduler)).containsExactly("HIGH");
        scheduler.completed("HIGH", T0);
        assertThat(startAllReady(scheduler)).containsExactly("LOW");
    }

    @Test
    void aDependencyRunsAtTheMostUrgentLevelOfTheTasksThatNeedIt() {
        Plans plans = Plans.plan();
        plans.task("SETUP", "true").priority(Priority.P3);
        plans.task("STORY", "true").priority(Priority.P1).dependsOn("SETUP");
        plans.task("OTHER", "true").priority(Priority.P2);
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        assertThat(scheduler.level("SETUP")).isEqualTo(Priority.P1);
        startsAndCompletes(scheduler, "SETUP");
        startsAndCompletes(scheduler, "STORY");
        startsAndCompletes(scheduler, "OTHER");
    }

    @Test
    void aFreeWorkerTakesTheLongestRemainingCriticalPathThenFileOrder() {
        Plans plans = Plans.plan();
        plans.task("SHORT", "true");
        plans.task("LONG", "true").estimate(1);
        plans.task("LONG-NEXT", "true").estimate(5).dependsOn("LONG");
        plans.task("MEDIUM", "true").estimate(3);
        plans.task("TIE", "true").estimate(3);
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        assertThat(scheduler.remainingCriticalPath("LONG")).isEqualTo(6);
        assertThat(scheduler.readyInOrder()).containsExactly("LONG", "MEDIUM", "TIE", "SHORT");
        assertThat(startAllReady(scheduler)).containsExactly("LONG", "MEDIUM", "TIE", "SHORT");
    }

    @Test
    void givingUpSkipsEveryTaskThatDependsOnItNamingTheGivenUpTasks() {
        Plans plans = Plans.plan();
        plans.task("A", "false");
        plans.task("B", "false");
        plans.task("C", "true").dependsOn("A");
        plans.task("D", "true").dependsOn("C", "B");
        plans.task("E", "true");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);
        startAllReady(scheduler);

        scheduler.givenUp("B", T0);
        List<Scheduler.Skip> skipped = scheduler.givenUp("A", T0);
        // D was already skipped by B; A then skips C, whose given-up ancestor is A
        assertThat(skipped).containsExactly(new Scheduler.Skip("C", List.of("A")));
        assertThat(scheduler.state("D")).isEqualTo(State.SKIPPED);
        assertThat(scheduler.state("E")).isEqualTo(State.RUNNING);
    }

    @Test
    void skippedTasksNameEveryGivenUpTaskTheyWaitedFor() {
        Plans plans = Plans.plan();
        plans.task("A", "false");
        plans.task("B", "true");
        plans.task("C", "true").dependsOn("A", "B");
        plans.task("D", "true").dependsOn("C");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);
        startAllReady(scheduler);

        scheduler.completed("B", T0);
        assertThat(scheduler.givenUp("A", T0)).containsExactly(
                new Scheduler.Skip("C", List.of("A")),
                new Scheduler.Skip("D", List.of("A")));
        assertThat(scheduler.allEnded()).isTrue();
    }

    @Test
    void everyP0TaskGivenUpIsToldOnceNoneOfThemCanStillRunNamingTheGivenUpOnes() {
        Plans plans = Plans.plan();
        plans.tasksAt(Priority.P0, "CRIT", "CRIT2");
        plans.task("SETUP", "true").priority(Priority.P3);
        plans.task("CRIT3", "true").priority(Priority.P0).dependsOn("SETUP");
        plans.task("DONE", "true").priority(Priority.P0).done();
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);
        startAllReady(scheduler);

        scheduler.givenUp("CRIT", T0);
        assertThat(scheduler.everyP0GivenUp()).isEmpty();
        scheduler.givenUp("CRIT2", T0);
        assertThat(scheduler.everyP0GivenUp()).isEmpty(); // SETUP runs at P0 for CRIT3, and has not ended
        scheduler.givenUp("SETUP", T0);
        assertThat(scheduler.everyP0GivenUp()).contains(List.of("CRIT", "CRIT2", "SETUP"));
    }

    @Test
    void groupsRunOneAfterAnotherWithABarrier() {
        Plans plans = Plans.plan();
        plans.task("A", "true").group("G1");
        plans.task("B", "true").group("G1");
        plans.task("C", "true").group("G2");
        plans.task("D", "true").group("G3").done();
        plans.task("E", "true").group("G3");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.GROUPS);

        assertThat(startAllReady(scheduler)).containsExactly("A", "B");
        scheduler.completed("A", T0);
        assertThat(scheduler.hasReady()).isFalse();
        scheduler.completed("B", T0.plusSeconds(2));
        assertThat(scheduler.drainGroupsDone()).containsExactly(new Scheduler.GroupDone("G1", 2, Duration.ofSeconds(2)));
        assertThat(startAllReady(scheduler)).containsExactly("C");
        scheduler.completed("C", T0);
        assertThat(startAllReady(scheduler)).containsExactly("E");
        scheduler.completed("E", T0);
        assertThat(scheduler.drainGroupsDone()).extracting(Scheduler.GroupDone::group).containsExactly("G2", "G3");
        assertThat(scheduler.allEnded()).isTrue();
    }

    @Test
    void withoutBarriersTheSameGroupsOverlap() {
        Plans plans = Plans.plan();
        plans.task("A", "true").group("G1");
        plans.task("C", "true").group("G2");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        assertThat(startAllReady(scheduler)).containsExactly("A", "C");
    }

    @Test
    void aDeferredTaskWaitsOffTheQueueUntilItIsPutBack() {
        Plans plans = Plans.plan();
        plans.task("A", "true");
        plans.task("B", "true");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        String first = scheduler.nextReady().orElseThrow();
        scheduler.deferred(first);
        assertThat(scheduler.readyInOrder()).containsExactly("B");
        scheduler.ready(first);
        assertThat(scheduler.readyInOrder()).containsExactly("A", "B");
    }

    @Test
    void tasksInADependencyCycleNeverBecomeReady() {
        Plans plans = Plans.plan();
        plans.task("A", "true").dependsOn("B");
        plans.task("B", "true").dependsOn("A");
        plans.task("C", "true");
        Scheduler scheduler = new Scheduler(plans.build(), Schedule.DAG);

        assertThat(startAllReady(scheduler)).containsExactly("C");
        scheduler.completed("C", T0);
        assertThat(scheduler.hasReady()).isFalse();
        assertThat(scheduler.unended()).containsExactly("A", "B");
    }

    /** The order in which a run starts and ends tasks, on workers that take fake time instead of real processes. */
    @Nested
    class OnSimulatedWorkers {

        @Test
        void tasksStartOnlyAfterTheirDependenciesAndEveryTaskOfMoreUrgentLevels() {
            Plans plans = Plans.plan();
            plans.tasksAt(Priority.P0, "A", "B");
            plans.tasksAt(Priority.P1, "C");
            plans.task("D", "true").priority(Priority.P1).dependsOn("C");
            plans.tasksAt(Priority.P2, "E");
            plans.task("F", "true").priority(Priority.P2).dependsOn("B");
            SimulatedWorkers workers = new SimulatedWorkers(5).taking("A", 0.3).taking("B", 0.05).taking("C", 0.1);

            List<String> order = workers.run(new Scheduler(plans.build(), Schedule.DAG));

            assertThat(order).hasSize(12);
            for (String p0 : List.of("A", "B")) {
                for (String later : List.of("C", "D", "E", "F")) {
                    assertThat(order.indexOf("end " + p0)).as("%s ends before %s starts", p0, later)
                            .isLessThan(order.indexOf("start " + later));
                }
            }
            assertThat(order.indexOf("end C")).isLessThan(order.indexOf("start D"));
            for (String p1 : List.of("C", "D")) {
                for (String later : List.of("E", "F")) {
                    assertThat(order.indexOf("end " + p1)).isLessThan(order.indexOf("start " + later));
                }
            }
            // inside a level nothing waits: A and B overlap
            assertThat(order.indexOf("start B")).isLessThan(order.indexOf("end A"));
        }

        @Test
        void aFreeWorkerTakesTheTaskWithTheLongestRemainingCriticalPath() {
            Plans plans = Plans.plan();
            plans.task("SHORT", "true");
            plans.task("HEAD", "true"); // the default estimate, 1
            plans.task("TAIL", "true").estimate(10).dependsOn("HEAD");

            assertThat(new SimulatedWorkers(1).run(new Scheduler(plans.build(), Schedule.DAG))).containsExactly(
                    "start HEAD", "end HEAD", "start TAIL", "end TAIL", "start SHORT", "end SHORT");
        }

        /** A in G1 takes longest; B in G1 and C in G2 take no time. */
        private Scheduler twoGroups(Schedule schedule) {
            Plans plans = Plans.plan();
            plans.task("A", "true").group("G1");
            plans.task("B", "true").group("G1");
            plans.task("C", "true").group("G2");
            return new Scheduler(plans.build(), schedule);
        }

        @Test
        void groupsScheduleHoldsEachGroupBehindABarrier() {
            SimulatedWorkers workers = new SimulatedWorkers(3).taking("A", 0.3);

            List<String> order = workers.run(twoGroups(Schedule.GROUPS));

            assertThat(order.indexOf("end A")).isLessThan(order.indexOf("start C"));
            assertThat(workers.groupsDone()).extracting(Scheduler.GroupDone::group, Scheduler.GroupDone::tasks)
                    .containsExactly(tuple("G1", 2), tuple("G2", 1));
            assertThat(order.indexOf("end A")).isLessThan(workers.groupDoneAt("G1"));
        }

        @Test
        void dagScheduleLetsTheSameGroupsOverlap() {
            SimulatedWorkers workers = new SimulatedWorkers(3).taking("A", 0.3);

            List<String> order = workers.run(twoGroups(Schedule.DAG));

            assertThat(order.indexOf("start C")).isLessThan(order.indexOf("end A"));
            assertThat(workers.groupsDone()).extracting(Scheduler.GroupDone::group).containsExactly("G2", "G1");
        }
    }
}
