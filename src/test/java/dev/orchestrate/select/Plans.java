package dev.orchestrate.select;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlanSettings;
import dev.orchestrate.plan.Planner;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Real plans of small task files: parsed, scouted and planned as a run does. */
final class Plans {

    private Plans() {
    }

    static ExecutionPlan of(Path dir, String text) throws IOException {
        Path file = dir.resolve("tasks.md");
        Files.writeString(file, text);
        TaskFile tasks = TaskFileParser.parse(file);
        return Planner.plan(tasks, Scout.discover(dir, List.of()),
                new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false));
    }

    /** Six shell tasks: T002 and T003 after T001, T004 after T003, T005 after T004, T006 after T002. */
    static String sixTasks() {
        return """
                ## P1 High

                ### T001: Make the output folder
                **Depends**: none

                ```bash
                mkdir -p out
                ```

                ### T002: Second
                **Depends**: T001

                ```bash
                echo two > out/two.txt
                ```

                ### T003: Third
                **Depends**: T001

                ```bash
                test -f fixed
                ```

                ### T004: Fourth
                **Depends**: T003

                ```bash
                echo four
                ```

                ### T005: Fifth
                **Depends**: T004

                ```bash
                echo five
                ```

                ### T006: Sixth
                **Depends**: T002

                ```bash
                echo six
                ```
                """;
    }
}
