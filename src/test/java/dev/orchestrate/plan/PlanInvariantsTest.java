package dev.orchestrate.plan;

import dev.orchestrate.scout.Context;
import dev.orchestrate.scout.Scout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class PlanInvariantsTest {

    private static Path empty;
    private static Context context;

    @BeforeContainer
    static void scoutAnEmptyProject() {
        try {
            empty = Files.createTempDirectory("plan-invariants");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context = Scout.discover(empty, List.of());
    }

    @AfterContainer
    static void removeIt() throws IOException {
        Files.deleteIfExists(empty);
    }

    @Property(tries = 60)
    void anyAcyclicTaskFileGivesAConsistentPlan(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int tasks,
                                                @ForAll @IntRange(min = 1, max = 5) int workers, @ForAll boolean includeDone) {
        ExecutionPlan plan = Planner.plan(RandomTasks.file(tasks, seed), context,
                new PlanSettings(workers, Duration.ofSeconds(30), Duration.ofMinutes(30), includeDone));

        PlanInvariants.check(plan);
    }
}
