package dev.orchestrate.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierSessionTest {

    @TempDir
    Path dir;

    private Path taskFile() {
        return dir.resolve("tasks.md");
    }

    private Path session(String name, String summaryTasks) throws Exception {
        Path session = dir.resolve(name);
        Files.createDirectories(session.resolve("messages"));
        if (summaryTasks != null) {
            Files.writeString(session.resolve("summary.json"), "{\"task_file\":\"" + taskFile() + "\",\"tasks\":[" + summaryTasks + "]}");
        }
        return session;
    }

    @Test
    void theNewestRenamedSessionOfTheSameTaskFileInWhichATaskRanIsTaken() throws Exception {
        session("parallel-session.20261203-101500", "{\"id\":\"T001\",\"status\":\"completed\",\"task_hash\":\"sha256:a\"}");
        session("parallel-session.20261203-101500-2", "{\"id\":\"T001\",\"status\":\"failed\"}");
        session("parallel-session.20261203-101500-10", "{\"id\":\"T001\",\"status\":\"skipped\"}");
        // newer, but a dry run (nothing ran), a run of another task file, and a folder that is not a renamed session
        Path dryRun = session("parallel-session.20261203-120000", null);
        Files.writeString(dryRun.resolve("execution-plan.json"), "{\"task_file\":\"" + taskFile() + "\",\"tasks\":{\"T001\":{\"status\":\"pending\"}}}");
        Path other = session("parallel-session.20261203-130000", "{\"id\":\"T001\",\"status\":\"completed\"}");
        Files.writeString(other.resolve("summary.json"), "{\"task_file\":\"" + dir.resolve("other.md") + "\",\"tasks\":[{\"id\":\"T001\",\"status\":\"completed\"}]}");
        session("parallel-session.backup", "{\"id\":\"T001\",\"status\":\"completed\"}");

        EarlierSession newest = EarlierSession.newest(dir.resolve("parallel-session"), taskFile(), false).orElseThrow();

        assertThat(newest.name()).isEqualTo("20261203-101500-10");
        assertThat(newest.task("T001").orElseThrow().status()).isEqualTo("skipped");
    }

    @Test
    void aCompletedTaskRecordsItsHashItsSessionAndItsLogAndAResumedOneCarriesThemOn() throws Exception {
        session("parallel-session.20261203-101500", """
                {"id":"T001","status":"completed","task_hash":"sha256:a"},
                {"id":"T002","status":"resumed","task_hash":"sha256:b",
                 "selection":{"decision":"resumed","completed_in":"20261202-090000","log":"/old/logs/T002.log"}}
                """);
        EarlierSession earlier = EarlierSession.newest(dir.resolve("parallel-session"), taskFile(), false).orElseThrow();

        EarlierSession.Recorded t001 = earlier.task("T001").orElseThrow();
        assertThat(t001.hash()).contains("sha256:a");
        assertThat(t001.completedIn()).contains("20261203-101500");
        assertThat(t001.log()).contains(dir.resolve("parallel-session.20261203-101500/logs/T001.log"));
        EarlierSession.Recorded t002 = earlier.task("T002").orElseThrow();
        assertThat(t002.completedIn()).contains("20261202-090000");
        assertThat(t002.log()).contains(Path.of("/old/logs/T002.log"));
    }

    @Test
    void withoutASummaryTheInboxesOutboxesAndPlanTellWhatCompleted() throws Exception {
        Path crashed = session("parallel-session.20261203-101500", null);
        Files.writeString(crashed.resolve("execution-plan.json"), """
                {"task_file":"%s","tasks":{
                  "T001":{"status":"pending","task_hash":"sha256:1"},
                  "T002":{"status":"pending","task_hash":"sha256:2"},
                  "T003":{"status":"pending","task_hash":"sha256:3"},
                  "T004":{"status":"pending","task_hash":"sha256:4",
                          "selection":{"decision":"resumed","completed_in":"20261202-090000"}},
                  "T005":{"status":"pending","task_hash":"sha256:5"}}}
                """.formatted(taskFile()));
        Files.writeString(crashed.resolve("messages/worker-1-inbox.json"),
                "{\"worker_id\":\"worker-1\",\"tasks\":[{\"id\":\"T001\"},{\"id\":\"T002\"},{\"id\":\"T003\"}]}");
        Files.writeString(crashed.resolve("messages/worker-1-outbox.json"), """
                {"worker_id":"worker-1","tasks_completed":[{"id":"T001","attempt":1}],"tasks_failed":[{"id":"T002","attempt":1}]}
                """);

        EarlierSession earlier = EarlierSession.newest(dir.resolve("parallel-session"), taskFile(), false).orElseThrow();

        assertThat(earlier.source()).isEqualTo("outbox records");
        assertThat(earlier.task("T001").orElseThrow().completedIn()).contains("20261203-101500");
        assertThat(earlier.task("T001").orElseThrow().hash()).contains("sha256:1");
        assertThat(earlier.task("T002").orElseThrow().status()).isEqualTo("failed");
        assertThat(earlier.task("T003").orElseThrow().status()).isEqualTo("unfinished");
        assertThat(earlier.task("T004").orElseThrow().completedIn()).contains("20261202-090000");
        assertThat(earlier.task("T005").orElseThrow().status()).isEqualTo("not_run");
    }

    @Test
    void aNamedFolderThatIsNoSessionIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> EarlierSession.of(dir.resolve("empty"))).isInstanceOf(SelectionException.class)
                .hasMessageContaining("not a session folder");
        assertThatThrownBy(() -> EarlierSession.of(dir.resolve("missing"))).isInstanceOf(SelectionException.class)
                .hasMessageContaining("not a folder");
    }
}
