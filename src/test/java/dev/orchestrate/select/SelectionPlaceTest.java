package dev.orchestrate.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The selection sits between plan and run: it may use task, scout, plan and session, never what comes after. */
class SelectionPlaceTest {

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.orchestrate\\.(\\w+)", Pattern.MULTILINE);

    @Test
    void selectUsesNoPackageThatComesAfterItInTheFlow() throws IOException {
        Path sources = Path.of(System.getProperty("orchestrate.basedir", "."), "src/main/java/dev/orchestrate/select");
        List<Path> files;
        try (Stream<Path> listed = Files.list(sources)) {
            files = listed.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                assertThat(m.group(1)).as(file.getFileName() + " imports dev.orchestrate." + m.group(1))
                        .isIn("task", "scout", "plan", "session", "select");
            }
        }
    }
}
