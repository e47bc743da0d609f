package dev.orchestrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.OrchestrateException;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.session.SessionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The exit codes the help lists are {@link ExitCode}'s, and the mapper gives each failure its documented code. */
class ExitCodeHelpTest {

    private static String help(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--help";
        assertThat(commandLine.execute(all)).isZero();
        return out.toString();
    }

    @Test
    void theMainHelpListsEveryExitCodeWithItsMeaningInOrder() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("0", "every task completed (or was already done)");
        expected.put("1", "at least one task failed or was skipped");
        expected.put("2", "usage error or invalid task file");
        expected.put("3", "critical failure (no worker, every P0 task given up, session folder unusable)");
        expected.put("130", "interrupted (Ctrl-C, SIGTERM)");
        assertThat(ExitCode.helpList()).containsExactlyEntriesOf(expected);
        assertThat(Main.commandLine().getCommandSpec().usageMessage().exitCodeList()).containsExactlyEntriesOf(expected);
        String help = help();
        // the help wraps a long meaning onto an indented line: compare with the whitespace collapsed
        String list = help.substring(help.indexOf("Exit codes:")).replaceAll("\\s+", " ");
        String listed = Arrays.stream(ExitCode.values()).map(c -> c.code() + " " + c.meaning()).collect(Collectors.joining(" "));
        assertThat(list.strip()).isEqualTo("Exit codes: " + listed);
    }

    @Test
    void everySubcommandListsOnlyCodesTheEnumKnows() {
        var known = Arrays.stream(ExitCode.values()).map(c -> String.valueOf(c.code())).collect(Collectors.toSet());
        for (String sub : new String[] {"export", "merge"}) {
            var codes = Main.commandLine().getSubcommands().get(sub).getCommandSpec().usageMessage().exitCodeList().keySet();
            assertThat(codes).as(sub).isNotEmpty().allSatisfy(c -> assertThat(known).contains(c.strip()));
        }
    }

    @Test
    void theMapperGivesEachFailureItsCode() {
        CommandLine.IExitCodeExceptionMapper mapper = Main.commandLine().getExitCodeExceptionMapper();
        assertThat(mapper.getExitCode(new OrchestrateException(ExitCode.INTERRUPTED, "interrupted"))).isEqualTo(130);
        assertThat(mapper.getExitCode(new OrchestrateException(ExitCode.USAGE, "bad"))).isEqualTo(2);
        assertThat(mapper.getExitCode(new ParameterException(Main.commandLine(), "bad"))).isEqualTo(2);
        // the packages' failures reach the mapper as the commands translate them
        assertThat(mapper.getExitCode(known(new SessionException("unusable")))).isEqualTo(3);
        assertThat(mapper.getExitCode(new IllegalStateException("a bug"))).isEqualTo(3);
        assertThat(mapper.getExitCode(known(new dev.orchestrate.task.TaskFileException(java.nio.file.Path.of("tasks.md"), 3, "bad")))).isEqualTo(2);
        assertThat(mapper.getExitCode(known(new dev.orchestrate.select.SelectionException("no such task")))).isEqualTo(2);
    }

    private static OrchestrateException known(RuntimeException e) {
        return OrchestrateException.known(e).orElseThrow();
    }
}
