package dev.orchestrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Each command's description is wrapped to the screen: at 80 columns no line ends early where the next word would have fit. */
class HelpDescriptionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orchestrate", "export", "merge"})
    void theDescriptionFillsEachLineAt80Columns(String command) {
        CommandLine main = Main.commandLine();
        CommandLine commandLine = command.equals("orchestrate") ? main : main.getSubcommands().get(command);
        commandLine.setUsageHelpAutoWidth(false).setUsageHelpWidth(80);
        List<String> lines = commandLine.getHelp().description().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(1);
        for (int i = 0; i + 1 < lines.size(); i++) {
            String next = lines.get(i + 1).strip().split(" ")[0];
            assertThat(lines.get(i).stripTrailing().length() + 1 + next.length())
                    .as("line %d of %s's description: '%s' then '%s'", i + 1, command, lines.get(i), next)
                    .isGreaterThan(79); // picocli keeps the 80th column free
        }
    }
}
