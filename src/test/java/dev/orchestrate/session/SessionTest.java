package dev.orchestrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:33:29Z"), ZoneOffset.UTC);

    /**
     * A run that starts while another opens the same folder checks it before it waits for the lock:
     * it must never see a half-made session (a folder without its marker), which it would refuse as
     * "not an orchestrate session" (exit 2) instead of finding it in use (exit 3).
     */
    @RepeatedTest(20)
    void aSessionFolderIsNeverSeenHalfMade() throws Exception {
        Path folder = dir.resolve("parallel-session");
        AtomicBoolean opening = new AtomicBoolean(true);
        Thread opener = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                Session.open(folder, Clock.systemUTC()).close();
            }
            opening.set(false);
        });
        // two lookers, so that one is often in the middle of a look while the folder moves
        List<String> refusals = new CopyOnWriteArrayList<>();
        Runnable look = () -> {
            while (opening.get()) {
                Session.refusal(folder, dir.resolve("project"), dir.resolve("project/tasks.md")).ifPresent(refusals::add);
            }
        };
        Thread first = new Thread(look);
        Thread second = new Thread(look);
        opener.start();
        first.start();
        second.start();
        opener.join();
        first.join();
        second.join();
        assertThat(refusals).isEmpty();
    }

    @Test
    void createsTheFoldersOfTheSessionLayout() {
        try (Session session = Session.open(dir.resolve("parallel-session"), clock)) {
            assertThat(session.messages()).isDirectory();
            assertThat(session.locks()).isDirectory();
            assertThat(session.logs()).isDirectory();
            assertThat(session.log("T001")).isEqualTo(session.logs().resolve("T001.log"));
        }
    }

    @Test
    void anEarlierSessionIsRenamedNeverDeleted() throws IOException {
        Path folder = dir.resolve("parallel-session");
        try (Session first = Session.open(folder, clock)) {
            Files.writeString(first.file("summary.json"), "{\"first\":true}");
        }
        try (Session second = Session.open(folder, clock)) {
            assertThat(second.file("summary.json")).doesNotExist();
        }
        try (Session third = Session.open(folder, clock)) {
            assertThat(third.dir()).isEqualTo(folder);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("parallel-session", "parallel-session.20261125-" + localTime(),
                            "parallel-session.20261125-" + localTime() + "-2");
        }
        assertThat(dir.resolve("parallel-session.20261125-" + localTime() + "/summary.json")).hasContent("{\"first\":true}");
    }

    private String localTime() {
        return java.time.format.DateTimeFormatter.ofPattern("HHmmss")
                .format(clock.instant().atZone(java.time.ZoneId.systemDefault()));
    }

    @Test
    void aSessionInUseIsNotTakenOver() {
        Path folder = dir.resolve("parallel-session");
        try (Session first = Session.open(folder, clock)) {
            assertThatThrownBy(() -> Session.open(folder, clock))
                    .isInstanceOf(SessionException.class)
                    .hasMessageContaining("in use by another run")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(first.dir()).isDirectory();
        }
    }

    @Test
    void aFolderThatCannotBeCreatedIsASessionException() throws IOException {
        Files.writeString(dir.resolve("blocker"), "a file");
        assertThatThrownBy(() -> Session.open(dir.resolve("blocker/session"), clock))
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("blocker/session");
    }

    @Test
    void taskIdsBecomeSafeFileNames() {
        assertThat(Session.fileName("T001")).isEqualTo("T001");
        assertThat(Session.fileName("2.1")).isEqualTo("2.1");
        assertThat(Session.fileName("../etc/passwd")).isEqualTo(".._etc_passwd");
    }
}
