package dev.orchestrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageFileTest {

    private static final Instant AT = Instant.parse("2026-01-01T10:00:00.250Z");

    @TempDir
    Path tmp;

    private Session session;

    @BeforeEach
    void open() {
        session = Session.open(tmp.resolve("parallel-session"), Clock.fixed(AT, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static JsonNode read(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile());
    }

    /** The record as Jackson writes it, read back: what the file must equal. */
    private static JsonNode asWritten(Object value) throws IOException {
        return Json.mapper().readTree(Json.mapper().writeValueAsString(value));
    }

    @Test
    void anInboxIsWrittenAtOnceAndListsEveryTaskHandedOver() throws IOException {
        MessageFile inbox = MessageFile.inbox(session, "worker-1");
        assertThat(read(inbox.path()).path("tasks")).isEmpty();

        WorkerInbox.Entry first = new WorkerInbox.Entry("T001", "Build", 1, 3, "shell", Optional.of("make"), List.of("a.c"), 30, AT);
        WorkerInbox.Entry second = new WorkerInbox.Entry("T002", "Ask", 2, 3, "agent", Optional.empty(), List.of(), 1800, AT);
        inbox.add(first);
        inbox.add(second);

        WorkerInbox expected = new WorkerInbox("worker-1", session.dir().toString(), List.of(first, second));
        assertThat(inbox.path()).isEqualTo(session.messages().resolve("worker-1-inbox.json"));
        assertThat(read(inbox.path())).isEqualTo(asWritten(expected));
        JsonNode task = read(inbox.path()).path("tasks").get(0);
        assertThat(task.path("timeout_s").asLong()).isEqualTo(30);
        assertThat(task.path("command").asText()).isEqualTo("make");
        assertThat(read(inbox.path()).path("tasks").get(1).path("command").isNull()).isTrue();
    }

    @Test
    void anOutboxSortsAttemptsIntoCompletedAndFailedCumulatively() throws IOException {
        MessageFile outbox = MessageFile.outbox(session, "worker-2");
        WorkerOutbox.Entry failed = new WorkerOutbox.Entry("T001", 1, AT, AT.plusMillis(1500), 1500, OptionalInt.of(1), Optional.of("exit 1"));
        WorkerOutbox.Entry completed = new WorkerOutbox.Entry("T001", 2, AT, AT.plusMillis(20), 20, OptionalInt.of(0), Optional.empty());
        WorkerOutbox.Entry timedOut = new WorkerOutbox.Entry("T002", 1, AT, AT.plusSeconds(30), 30000, OptionalInt.empty(),
                Optional.of("timeout after 30s"));
        outbox.add(failed);
        outbox.add(completed);
        outbox.add(timedOut);

        WorkerOutbox expected = new WorkerOutbox("worker-2", List.of(completed), List.of(failed, timedOut));
        JsonNode written = read(outbox.path());
        assertThat(written).isEqualTo(asWritten(expected));
        assertThat(written.path("tasks_failed").get(0).path("duration_ms").asLong()).isEqualTo(1500);
        assertThat(written.path("tasks_failed").get(1).path("exit_code").isNull()).isTrue();
        assertThat(written.path("tasks_completed").get(0).path("started_at").asText()).isEqualTo("2026-01-01T10:00:00.250Z");
    }

    @Test
    void everyVersionReplacesTheLastWholeAndClosingLeavesOnlyTheMessage() throws IOException {
        MessageFile outbox = MessageFile.outbox(session, "worker-1");
        for (int attempt = 1; attempt <= 3; attempt++) {
            outbox.add(new WorkerOutbox.Entry("T00" + attempt, 1, AT, AT, 0, OptionalInt.of(0), Optional.empty()));
            assertThat(read(outbox.path()).path("tasks_completed")).hasSize(attempt);
        }
        outbox.close();

        try (Stream<Path> files = Files.list(session.messages())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("worker-1-outbox.json");
        }
    }

    @Test
    void aMessageThatCannotBeWrittenIsASessionFailure() throws IOException {
        MessageFile outbox = MessageFile.outbox(session, "worker-1");
        Files.delete(outbox.path());
        Files.delete(session.messages());
        Files.writeString(session.messages(), "not a folder");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> outbox.add(new WorkerOutbox.Entry("T001", 1, AT, AT, 0, OptionalInt.of(0), Optional.empty())))
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("worker-1-outbox.json");
    }
}
