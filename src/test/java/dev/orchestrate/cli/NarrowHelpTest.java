package dev.orchestrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.event.TextWidth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} below picocli's 55-column minimum: one column, nothing wider than the screen, nothing left out. */
class NarrowHelpTest {

    private static String help(int columns, String... args) {
        CommandLine commandLine = NarrowHelp.install(Main.commandLine(), () -> columns);
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--help");
        assertThat(commandLine.execute(all.toArray(String[]::new))).isZero();
        return out.toString();
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {54, 40, 30})
    void noLineOfAnyHelpIsWiderThanTheScreenAndEveryOptionIsThere(int columns) {
        CommandLine reference = Main.commandLine();
        for (String[] command : List.of(new String[0], new String[] {"export"}, new String[] {"merge"})) {
            String text = help(columns, command);
            assertThat(text.lines()).as(text).allSatisfy(line -> assertThat(TextWidth.of(line)).isLessThanOrEqualTo(columns));
            CommandLine spec = command.length == 0 ? reference : reference.getSubcommands().get(command[0]);
            for (OptionSpec option : spec.getCommandSpec().options()) {
                assertThat(text).contains(option.longestName());
            }
            assertThat(text).startsWith("Usage: orchestrate" + (command.length == 0 ? "" : " " + command[0]));
        }
        assertThat(help(columns)).contains("Exit codes:", "  0    every task", "  130  interrupted", "  [TASK_FILE]\n",
                "  -w, --workers=N\n    Worker count, 1 to 5");
    }

    @org.junit.jupiter.api.Test
    void atTwentyColumnsTooNoLineIsWiderThanTheScreen() {
        for (String command : List.of("", "export", "merge")) {
            String text = command.isEmpty() ? help(20) : help(20, command);
            assertThat(text.lines()).as(text).allSatisfy(line -> assertThat(TextWidth.of(line)).isLessThanOrEqualTo(20));
        }
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {55, 80, 120})
    void fromFiftyFiveColumnsOnPicocliKeepsItsOwnTwoColumnLayout(int columns) {
        assertThat(help(columns)).contains("  -w, --workers=N ").doesNotContain("[OPTIONS]");
    }

    @org.junit.jupiter.api.Test
    void aWordLongerThanTheLineIsCutNotLeftToWrap() {
        assertThat(NarrowHelp.wrap("see .tmp/*/tasks.md-and-a-very-long-path", 20, "  ", "    "))
                .allSatisfy(line -> assertThat(TextWidth.of(line)).isLessThanOrEqualTo(20))
                .first().isEqualTo("  see");
    }
}
