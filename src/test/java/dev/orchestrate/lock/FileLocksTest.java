package dev.orchestrate.lock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.session.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {

    @TempDir
    Path root;

    private Path dir;
    private FileLocks locks;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(root.resolve("session/locks"));
        locks = new FileLocks(dir, root, Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC));
    }

    private List<String> lockFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void pathsAreNormalisedToRootRelativeSlashSeparatedForm() {
        assertThat(locks.normalise("src/a.ts")).isEqualTo("src/a.ts");
        assertThat(locks.normalise("./src/../src/./a.ts")).isEqualTo("src/a.ts");
        assertThat(locks.normalise("src\\a.ts")).isEqualTo("src/a.ts");
        assertThat(locks.normalise(root.resolve("src/a.ts").toString())).isEqualTo("src/a.ts");
        assertThat(locks.normalise("../elsewhere/b.ts")).isEqualTo(root.getParent().resolve("elsewhere/b.ts").toString());
    }

    /** A symbolic link inside the project and its target are one file: one lock, so two tasks never change it at once. */
    @Test
    void aSymlinkAndItsTargetShareOneLock() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/real.ts"), "x");
        Files.createSymbolicLink(root.resolve("alias.ts"), root.resolve("src/real.ts"));
        Files.createSymbolicLink(root.resolve("lib"), root.resolve("src"));

        assertThat(locks.normalise("alias.ts")).isEqualTo("src/real.ts");
        assertThat(locks.normalise("lib/real.ts")).isEqualTo("src/real.ts");
        assertThat(locks.normalise("lib/new-file.ts")).as("a file not there yet, in a linked folder").isEqualTo("src/new-file.ts");
        assertThat(locks.acquire("worker-1", "T001", List.of("alias.ts"))).isInstanceOf(Acquisition.Acquired.class);
        assertThat(locks.acquire("worker-2", "T002", List.of("src/real.ts"))).isInstanceOf(Acquisition.Held.class);
        assertThat(locks.acquire("worker-3", "T003", List.of("lib/real.ts"))).isInstanceOf(Acquisition.Held.class);
    }

    /** Another run on the project, with its own session folder, holds the same path: held, by another run, until it lets go. */
    @Test
    void aLockAnotherRunOnTheProjectHoldsIsHeldAndSaysByWhom() throws Exception {
        FileLocks otherRun = new FileLocks(Files.createDirectories(root.resolve("other-session/locks")), root, Clock.systemUTC());
        Acquisition taken = otherRun.acquire("worker-1", "T009", List.of("src/a.ts"));
        assertThat(taken).isInstanceOf(Acquisition.Acquired.class);

        Acquisition mine = locks.acquire("worker-2", "T001", List.of("b.ts", "src/a.ts"));

        assertThat(mine).isInstanceOfSatisfying(Acquisition.Held.class, held -> {
            assertThat(held.otherRun()).isTrue();
            assertThat(held.path()).isEqualTo("src/a.ts");
            assertThat(held.holder().worker()).isEqualTo("another run (pid " + ProcessHandle.current().pid() + ", T009)");
        });
        assertThat(lockFiles()).as("all or none: b.ts given back too").isEmpty();
        otherRun.release(((Acquisition.Acquired) taken).hashes());
        assertThat(locks.acquire("worker-2", "T001", List.of("b.ts", "src/a.ts"))).isInstanceOf(Acquisition.Acquired.class);
    }

    @Test
    void theLockFileIsNamedByTheFirst16HexOfTheSha256OfTheNormalisedPath() throws Exception {
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("src/a.ts".getBytes(StandardCharsets.UTF_8))).substring(0, 16);

        locks.acquire("worker-1", "T001", List.of("./src/a.ts"));

        assertThat(FileLocks.hash("src/a.ts")).isEqualTo(expected);
        assertThat(lockFiles()).containsExactly(expected + ".lock");
    }

    @Test
    void aLockFileSaysWhoHoldsIt() throws IOException {
        locks.acquire("worker-2", "T003", List.of("src/a.ts"));

        JsonNode content = Json.mapper().readTree(locks.file(locks.hashOf("src/a.ts")).toFile());
        assertThat(content.path("worker").asText()).isEqualTo("worker-2");
        assertThat(content.path("task").asText()).isEqualTo("T003");
        assertThat(content.path("path").asText()).isEqualTo("src/a.ts");
        assertThat(content.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(content.path("acquired_at").asText()).isEqualTo("2026-01-01T10:00:00.000Z");
    }

    @Test
    void aTaskTakesAllItsLocksOrNone() throws IOException {
        locks.acquire("worker-1", "T001", List.of("b.txt"));

        Acquisition second = locks.acquire("worker-2", "T002", List.of("a.txt", "b.txt", "c.txt"));

        assertThat(second).isInstanceOf(Acquisition.Held.class);
        Acquisition.Held held = (Acquisition.Held) second;
        assertThat(held.path()).isEqualTo("b.txt");
        assertThat(held.holder().worker()).isEqualTo("worker-1");
        assertThat(held.holder().task()).isEqualTo("T001");
        assertThat(lockFiles()).containsExactly(locks.hashOf("b.txt") + ".lock");
    }

    @Test
    void locksAreTakenInHashOrderOnceEachWhateverTheSpelling() {
        Acquisition acquired = locks.acquire("worker-1", "T001", List.of("z.txt", "a.txt", "./a.txt", "m.txt"));

        List<String> hashes = ((Acquisition.Acquired) acquired).hashes();
        assertThat(hashes).hasSize(3).isSorted();
    }

    @Test
    void aReleasedLockCanBeTakenAgain() throws IOException {
        Acquisition.Acquired first = (Acquisition.Acquired) locks.acquire("worker-1", "T001", List.of("a.txt"));
        locks.release(first.hashes());

        assertThat(lockFiles()).isEmpty();
        assertThat(locks.acquire("worker-2", "T002", List.of("a.txt"))).isInstanceOf(Acquisition.Acquired.class);
    }

    @Test
    void aLockFileThisObjectDidNotCreateIsNeverTakenOver() throws IOException {
        Files.writeString(locks.file(locks.hashOf("a.txt")),
                "{\"worker\":\"worker-9\",\"task\":\"T099\",\"path\":\"a.txt\",\"pid\":1,\"acquired_at\":\"2026-01-01T09:00:00.000Z\"}");

        Acquisition attempt = locks.acquire("worker-1", "T001", List.of("a.txt"));

        assertThat(attempt).isInstanceOfSatisfying(Acquisition.Held.class,
                held -> assertThat(held.holder().worker()).isEqualTo("worker-9"));
        assertThat(locks.file(locks.hashOf("a.txt"))).exists();
    }

    @Test
    void replacingAWorkerReleasesEveryLockWhoseContentNamesIt() throws IOException {
        locks.acquire("worker-1", "T001", List.of("a.txt", "b.txt"));
        locks.acquire("worker-2", "T002", List.of("c.txt"));
        // one this object never heard of, naming the same worker
        Files.writeString(locks.file(locks.hashOf("d.txt")),
                "{\"worker\":\"worker-1\",\"task\":\"T004\",\"path\":\"d.txt\",\"pid\":1,\"acquired_at\":\"2026-01-01T09:00:00.000Z\"}");

        List<String> released = locks.releaseAllOf("worker-1");

        assertThat(released).containsExactlyInAnyOrder(locks.hashOf("a.txt"), locks.hashOf("b.txt"), locks.hashOf("d.txt"));
        assertThat(lockFiles()).containsExactly(locks.hashOf("c.txt") + ".lock");
        assertThat(locks.acquire("worker-3", "T005", List.of("a.txt", "d.txt"))).isInstanceOf(Acquisition.Acquired.class);
    }
}
