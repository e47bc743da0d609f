package dev.orchestrate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void theLastLinesOfAHugeLogComeFromItsEnd() throws IOException {
        Path log = dir.resolve("T001.log");
        try (Writer writer = Files.newBufferedWriter(log)) {
            for (int i = 1; i <= 300_000; i++) {
                writer.write("output line number " + i + "\n");
            }
        }

        List<String> tail = LogTail.read(log, 15);

        assertThat(tail).containsExactlyElementsOf(IntStream.rangeClosed(299_986, 300_000)
                .mapToObj(i -> "output line number " + i).collect(Collectors.toList()));
    }

    @Test
    void aShortLogIsShownWhole() throws IOException {
        Path log = Files.writeString(dir.resolve("a.log"), "one\ntwo\n");

        assertThat(LogTail.read(log, 15)).containsExactly("one", "two");
    }

    @Test
    void crlfNoFinalNewlineAndTrailingBlankLinesAreHandled() throws IOException {
        Path log = Files.writeString(dir.resolve("a.log"), "one\r\ntwo\r\nthree\r\n\r\n\n");
        Path open = Files.writeString(dir.resolve("b.log"), "one\ntwo");

        assertThat(LogTail.read(log, 2)).containsExactly("two", "three");
        assertThat(LogTail.read(open, 5)).containsExactly("one", "two");
    }

    @Test
    void aProgressBarRedrawnWithCarriageReturnsShowsWhatTheTerminalWouldShow() throws IOException {
        Path log = Files.writeString(dir.resolve("a.log"), "downloading\n 10%\r 50%\r100%\ndone\n");

        assertThat(LogTail.read(log, 3)).containsExactly("downloading", "100%", "done");
    }

    @Test
    void multiByteCharactersAcrossReadBlocksSurvive() throws IOException {
        String line = "日本語のログ行 🚀 ".repeat(40);
        Path log = dir.resolve("a.log");
        Files.writeString(log, (line + "\n").repeat(30), StandardCharsets.UTF_8);

        List<String> tail = LogTail.read(log, 15);

        assertThat(tail).hasSize(15).allMatch(line::equals);
        assertThat(String.join("", tail)).doesNotContain("\uFFFD");
    }

    @Test
    void aLineLongerThanFiveHundredCharactersIsCut() throws IOException {
        Path log = Files.writeString(dir.resolve("a.log"), "x".repeat(2000) + "\nend\n");

        List<String> tail = LogTail.read(log, 2);

        assertThat(tail.get(0)).hasSize(503).endsWith("...");
        assertThat(tail.get(1)).isEqualTo("end");
    }

    @Test
    void aMissingOrEmptyLogHasNoTail() throws IOException {
        assertThat(LogTail.read(dir.resolve("missing.log"), 15)).isEmpty();
        assertThat(LogTail.read(Files.createFile(dir.resolve("empty.log")), 15)).isEmpty();
        assertThat(LogTail.read(null, 15)).isEmpty();
    }
}
