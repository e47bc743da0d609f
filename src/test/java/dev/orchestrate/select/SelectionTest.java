package dev.orchestrate.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.select.Decision.Kind;
import dev.orchestrate.select.SelectionRequest.Dependencies;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionTest {

    @TempDir
    Path dir;

    private static SelectionRequest only(Dependencies deps, String... words) {
        return new SelectionRequest(List.of(words), Optional.empty(), deps, false, Optional.empty());
    }

    private static SelectionRequest from(String id) {
        return new SelectionRequest(List.of(), Optional.of(id), Dependencies.REQUIRED, false, Optional.empty());
    }

    private static SelectionRequest resume() {
        return new SelectionRequest(List.of(), Optional.empty(), Dependencies.REQUIRED, false, Optional.of(Optional.empty()));
    }

    private Selection choose(ExecutionPlan plan, SelectionRequest request) {
        return Selection.choose(plan, request, Optional.empty(), Optional.empty(), new Sections(""));
    }

    private Selection choose(ExecutionPlan plan, String text, SelectionRequest request) {
        return Selection.choose(plan, request, Optional.empty(), Optional.empty(), new Sections(text));
    }

    @Nested
    class Only {

        @Test
        void runsJustTheNamedTasksWhenTheirDependenciesAreChosenToo() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            Selection selection = choose(plan, only(Dependencies.REQUIRED, "T001", "T003"));
            assertThat(selection.ids(Kind.RUN)).containsExactly("T001", "T003");
            assertThat(selection.ids(Kind.NOT_SELECTED)).containsExactly("T002", "T004", "T005", "T006");
            assertThat(selection.decision("T006").orElseThrow().why()).isEqualTo("not chosen by --only");
        }

        @Test
        void rangesRunFromTheFirstToTheLastInFileOrder() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            assertThat(choose(plan, only(Dependencies.ASSUMED_DONE, "T002-T004")).ids(Kind.RUN)).containsExactly("T002", "T003", "T004");
            assertThat(choose(plan, only(Dependencies.ASSUMED_DONE, "T002–T003,T006")).ids(Kind.RUN)).containsExactly("T002", "T003", "T006");
            assertThatThrownBy(() -> choose(plan, only(Dependencies.ASSUMED_DONE, "T004-T002")))
                    .isInstanceOf(SelectionException.class).hasMessageContaining("T004 comes after T002");
        }

        @Test
        void aMissingDependencyIsAnErrorNamingIt() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            assertThatThrownBy(() -> choose(plan, only(Dependencies.REQUIRED, "T004,T005")))
                    .isInstanceOf(SelectionException.class)
                    .hasMessage("--only T004,T005: T003 is neither done nor chosen, and T004 depends on it; choose it too, "
                            + "add --with-deps, or --no-deps if it ran elsewhere");
        }

        @Test
        void withDepsAddsEveryDependencyThatIsNotDone() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            Selection selection = choose(plan, only(Dependencies.ADDED, "T005"));
            assertThat(selection.ids(Kind.RUN)).containsExactly("T001", "T003", "T004", "T005");
            assertThat(selection.decision("T003").orElseThrow().why()).isEqualTo("needed by T004 (--with-deps)");
        }

        @Test
        void noDepsTakesTheDependenciesAsDoneElsewhere() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            assertThat(choose(plan, only(Dependencies.ASSUMED_DONE, "T005")).ids(Kind.RUN)).containsExactly("T005");
        }

        @Test
        void aDependencyTheFileMarksDoneIsDone() throws Exception {
            ExecutionPlan plan = Plans.of(dir, """
                    - [x] T001 Make the folder
                    - [ ] T002 Use the folder
                    """);
            Selection selection = choose(plan, only(Dependencies.REQUIRED, "T002"));
            assertThat(selection.ids(Kind.RUN)).containsExactly("T002");
            assertThat(selection.ids(Kind.DONE)).containsExactly("T001");
        }

        @Test
        void phaseNamesAndParentNumbersChooseTheirTasks() throws Exception {
            String speckit = """
                    ## Phase 1: Setup
                    - [ ] T001 Create the project
                    ## Phase 2: Foundational (Blocking Prerequisites)
                    - [ ] T002 Add the database
                    - [ ] T003 [P] Add the cache
                    ## Phase 3: User Story 1 - Sign in (Priority: P1)
                    - [ ] T004 Build sign-in
                    """;
            ExecutionPlan plan = Plans.of(dir, speckit);
            assertThat(choose(plan, speckit, only(Dependencies.ASSUMED_DONE, "Phase 2")).ids(Kind.RUN)).containsExactly("T002", "T003");
            assertThat(choose(plan, speckit, only(Dependencies.ASSUMED_DONE, "foundational")).ids(Kind.RUN)).containsExactly("T002", "T003");
            assertThat(choose(plan, speckit, only(Dependencies.ASSUMED_DONE, "User Story 1")).ids(Kind.RUN)).containsExactly("T004");

            String kiro = """
                    - [ ] 1. Set up
                      - [ ] 1.1 Create the project
                    - [ ] 2. Build the API
                      - [ ] 2.1 Add the routes
                      - [ ] 2.2 Add the handlers
                      - [ ] 2.3 Add the tests
                    """;
            ExecutionPlan kiroPlan = Plans.of(dir, kiro);
            assertThat(choose(kiroPlan, kiro, only(Dependencies.ASSUMED_DONE, "2")).ids(Kind.RUN)).containsExactly("2.1", "2.2", "2.3");
            assertThat(choose(kiroPlan, kiro, only(Dependencies.ASSUMED_DONE, "2.2-2.3")).ids(Kind.RUN)).containsExactly("2.2", "2.3");
        }

        @Test
        void anUnknownNameIsAnError() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            assertThatThrownBy(() -> choose(plan, only(Dependencies.REQUIRED, "T042")))
                    .isInstanceOf(SelectionException.class)
                    .hasMessage("--only T042: no task, range or phase named 'T042' in tasks.md");
        }
    }

    @Nested
    class From {

        @Test
        void runsThatTaskAndEverythingAfterItInPlanOrder() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            // plan order: G1 T001, G2 T002 T003, G3 T004 T006, G4 T005
            Selection selection = choose(plan, from("T003"));
            assertThat(selection.ids(Kind.RUN)).containsExactlyInAnyOrder("T003", "T004", "T005", "T006");
            assertThat(selection.decision("T002").orElseThrow().why()).isEqualTo("before T003 in plan order (--from)");
        }

        @Test
        void anUnknownTaskIsAnError() throws Exception {
            ExecutionPlan plan = Plans.of(dir, Plans.sixTasks());
            assertThatThrownBy(() -> choose(plan, from("T009"))).isInstanceOf(SelectionException.class)
                    .hasMessage("--from T009: no task T009 in tasks.md");
        }
    }

    @Nested
    class Resume {

        private ExecutionPlan plan;

        private EarlierSession earlier(Map<String, String> statuses, Map<String, String> hashes) {
            Map<String, EarlierSession.Recorded> tasks = new LinkedHashMap<>();
            statuses.forEach((id, status) -> {
                boolean completed = status.equals("completed");
                tasks.put(id, new EarlierSession.Recorded(id, status, Optional.ofNullable(hashes.get(id)),
                        completed ? Optional.of("20261203-101500") : Optional.empty(),
                        completed ? Optional.of(dir.resolve("logs/" + id + ".log")) : Optional.empty()));
            });
            return new EarlierSession(dir.resolve("parallel-session.20261203-101500"), "20261203-101500", "summary.json", tasks,
                    Optional.of(dir.resolve("tasks.md")));
        }

        private Map<String, String> hashesNow() {
            Map<String, String> hashes = new LinkedHashMap<>();
            plan.tasks().values().forEach(t -> hashes.put(t.id(), TaskHash.of(t.task())));
            return hashes;
        }

        private Selection resumeFrom(EarlierSession earlier, SelectionRequest request) {
            return Selection.choose(plan, request, Optional.of(earlier), Optional.empty(), new Sections(""));
        }

        private Map<String, String> statuses(String t003) {
            Map<String, String> statuses = new LinkedHashMap<>();
            statuses.put("T001", "completed");
            statuses.put("T002", "completed");
            statuses.put("T003", t003);
            statuses.put("T004", "skipped");
            statuses.put("T005", "skipped");
            statuses.put("T006", "completed");
            return statuses;
        }

        @Test
        void runsTheFailedTaskAndItsDependentsOnly() throws Exception {
            plan = Plans.of(dir, Plans.sixTasks());
            Selection selection = resumeFrom(earlier(statuses("failed"), hashesNow()), resume());
            assertThat(selection.ids(Kind.RUN)).containsExactly("T003", "T004", "T005");
            assertThat(selection.ids(Kind.RESUMED)).containsExactly("T001", "T002", "T006");
            assertThat(selection.decision("T001").orElseThrow().why()).isEqualTo("completed in 20261203-101500, unchanged");
            assertThat(selection.decision("T003").orElseThrow().why()).isEqualTo("failed in 20261203-101500");
            assertThat(selection.decision("T004").orElseThrow().why()).isEqualTo("skipped in 20261203-101500");
        }

        @Test
        void aChangedTaskRunsAgainAndSoDoesEverythingThatDependsOnIt() throws Exception {
            plan = Plans.of(dir, Plans.sixTasks());
            Map<String, String> hashes = hashesNow();
            hashes.put("T002", "sha256:before");
            Map<String, String> statuses = statuses("completed");
            statuses.put("T004", "completed");
            statuses.put("T005", "completed");
            Selection selection = resumeFrom(earlier(statuses, hashes), resume());
            assertThat(selection.ids(Kind.RUN)).containsExactly("T002", "T006");
            assertThat(selection.decision("T002").orElseThrow().why()).isEqualTo("changed since 20261203-101500");
            assertThat(selection.decision("T006").orElseThrow().why()).isEqualTo("depends on T002, which runs again");
        }

        @Test
        void aTaskWithoutARecordedHashOrNewSinceRuns() throws Exception {
            plan = Plans.of(dir, Plans.sixTasks());
            Map<String, String> hashes = hashesNow();
            hashes.remove("T001");
            Map<String, String> statuses = statuses("completed");
            statuses.remove("T006");
            Selection selection = resumeFrom(earlier(statuses, hashes), resume());
            assertThat(selection.decision("T001").orElseThrow().why())
                    .isEqualTo("completed in 20261203-101500, which recorded no task hash");
            assertThat(selection.decision("T006").orElseThrow().why()).isEqualTo("new since 20261203-101500");
            assertThat(selection.decision("T002").orElseThrow().why()).isEqualTo("depends on T001, which runs again");
            assertThat(selection.ids(Kind.RUN)).containsExactly("T001", "T002", "T003", "T004", "T005", "T006");
        }

        @Test
        void onlyCountsATaskCompletedThereAsDone() throws Exception {
            plan = Plans.of(dir, Plans.sixTasks());
            SelectionRequest onlyT004 = new SelectionRequest(List.of("T004"), Optional.empty(), Dependencies.REQUIRED, false,
                    Optional.of(Optional.empty()));
            Selection selection = resumeFrom(earlier(statuses("completed"), hashesNow()), onlyT004);
            assertThat(selection.ids(Kind.RUN)).containsExactly("T004");
            assertThat(selection.decision("T003").orElseThrow().kind()).isEqualTo(Kind.RESUMED);
            assertThatThrownBy(() -> resumeFrom(earlier(statuses("failed"), hashesNow()), onlyT004))
                    .isInstanceOf(SelectionException.class).hasMessageContaining("T003 is neither done nor chosen");
        }

        @Test
        void theRunGetsAPlanInWhichWhatDoesNotRunIsAlreadyDone() throws Exception {
            plan = Plans.of(dir, Plans.sixTasks());
            Selection selection = resumeFrom(earlier(statuses("failed"), hashesNow()), resume());
            ExecutionPlan applied = selection.apply(plan);
            assertThat(applied.tasks().values().stream().filter(t -> t.alreadyDone()).map(t -> t.id()))
                    .containsExactly("T001", "T002", "T006");
            assertThat(applied.groups()).isEqualTo(plan.groups());
        }
    }
}
