package dev.orchestrate.cli;

import dev.orchestrate.event.TerminalSize;
import dev.orchestrate.event.TextWidth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code --help} on a screen narrower than picocli's two-column layout allows (55 columns): one
 * column instead, each option's names on a line of their own and its description wrapped under
 * them, the synopsis abbreviated to {@code [OPTIONS]}, so no line is wider than the screen. At 55
 * columns and more picocli's own layout is kept. The width is the one the run's lines use
 * ({@code COLUMNS} first, else the terminal's).
 */
final class NarrowHelp {

    /** picocli's narrowest usage width: below it, this layout. */
    static final int PICOCLI_MIN_WIDTH = 55;
    private static final String INDENT = "    ";

    private final IntSupplier columns;

    private NarrowHelp(IntSupplier columns) {
        this.columns = columns;
    }

    /** Installs the narrow layout in {@code commandLine} and its subcommands, for the screen the process writes to. */
    static CommandLine install(CommandLine commandLine) {
        // asked once, when the help is first printed: a run that prints no help never opens the terminal
        int[] asked = {0};
        return install(commandLine, () -> {
            if (asked[0] == 0) {
                asked[0] = TerminalSize.detect(System.getenv(), System.console() != null).columns();
            }
            return asked[0];
        });
    }

    /** @param columns the screen's width, asked when the help is printed */
    static CommandLine install(CommandLine commandLine, IntSupplier columns) {
        NarrowHelp narrow = new NarrowHelp(columns);
        narrow.replace(commandLine);
        return commandLine;
    }

    private void replace(CommandLine commandLine) {
        Map<String, IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
        swap(sections, CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, this::synopsis);
        swap(sections, CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, this::description);
        swap(sections, CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, this::parameters);
        swap(sections, CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, this::options);
        swap(sections, CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, this::commands);
        swap(sections, CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, this::exitCodes);
        commandLine.setHelpSectionMap(sections);
        commandLine.getSubcommands().values().forEach(this::replace);
    }

    private void swap(Map<String, IHelpSectionRenderer> sections, String key, IHelpSectionRenderer narrow) {
        IHelpSectionRenderer wide = sections.get(key);
        if (wide == null) {
            return;
        }
        sections.put(key, help -> {
            int width = columns.getAsInt();
            return width >= PICOCLI_MIN_WIDTH ? wide.render(help) : narrow.render(help);
        });
    }

    private int width() {
        return Math.max(TerminalSize.MIN_COLUMNS, columns.getAsInt());
    }

    private String synopsis(Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder text = new StringBuilder(spec.qualifiedName());
        if (!spec.options().isEmpty()) {
            text.append(" [OPTIONS]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
                text.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
            }
        }
        if (!spec.subcommands().isEmpty()) {
            text.append(" [COMMAND]");
        }
        // the heading ("Usage: ") is printed before this section: the first line leaves room for it
        String heading = help.synopsisHeading();
        String wrapped = String.join("\n", wrap(heading + text, width(), "", "  ")) + "\n";
        return wrapped.substring(heading.length());
    }

    private String description(Help help) {
        String[] description = help.commandSpec().usageMessage().description();
        if (description.length == 0) {
            return "";
        }
        return block(wrap(String.join(" ", description), width(), "", ""));
    }

    private String parameters(Help help) {
        List<String> lines = new ArrayList<>();
        for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
            if (!p.hidden()) {
                entry(lines, p.arity().min() == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel(), p);
            }
        }
        return block(lines);
    }

    private String options(Help help) {
        List<String> lines = new ArrayList<>();
        for (OptionSpec o : help.commandSpec().options()) {
            if (!o.hidden()) {
                entry(lines, names(o), o);
            }
        }
        return block(lines);
    }

    private String commands(Help help) {
        List<String> lines = new ArrayList<>();
        help.subcommands().forEach((name, sub) -> {
            lines.add("  " + name);
            String[] description = sub.commandSpec().usageMessage().description();
            lines.addAll(wrap(String.join(" ", description), width(), INDENT, INDENT));
        });
        return block(lines);
    }

    private String exitCodes(Help help) {
        List<String> lines = new ArrayList<>();
        Map<String, String> codes = help.commandSpec().usageMessage().exitCodeList();
        int widest = codes.keySet().stream().mapToInt(code -> code.strip().length()).max().orElse(0);
        codes.forEach((code, meaning) -> {
            String first = "  " + TextWidth.pad(code.strip(), widest) + "  ";
            lines.addAll(wrap(meaning, width(), first, " ".repeat(first.length())));
        });
        return block(lines);
    }

    /** {@code -w, --workers=N}, {@code --resume[=DIR]}. */
    private static String names(OptionSpec o) {
        String label = o.arity().max() == 0 ? "" : o.arity().min() == 0 ? "[=" + o.paramLabel() + "]" : "=" + o.paramLabel();
        return String.join(", ", o.names()) + label;
    }

    private void entry(List<String> lines, String names, ArgSpec arg) {
        lines.addAll(wrap(names, width(), "  ", INDENT));
        lines.addAll(wrap(description(arg), width(), INDENT, INDENT));
    }

    /** The description with picocli's {@code ${DEFAULT-VALUE}} and {@code ${COMPLETION-CANDIDATES}} filled in. */
    private static String description(ArgSpec arg) {
        String text = String.join(" ", arg.description());
        if (text.contains("${DEFAULT-VALUE}")) {
            text = text.replace("${DEFAULT-VALUE}", String.valueOf(arg.defaultValueString()));
        }
        if (text.contains("${COMPLETION-CANDIDATES}") && arg.completionCandidates() != null) {
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", arg.completionCandidates()));
        }
        return text;
    }

    private static String block(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /**
     * {@code text} in lines of at most {@code width} display columns, broken at spaces: the first
     * led by {@code first}, the others by {@code rest}; a word longer than a line is cut.
     */
    static List<String> wrap(String text, int width, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && TextWidth.of(line + " " + word) > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            while (empty && TextWidth.of(line + word) > width && width - TextWidth.of(line.toString()) > 1) {
                int room = width - TextWidth.of(line.toString());
                lines.add(line + TextWidth.take(word, room));
                word = word.substring(TextWidth.take(word, room).length());
                line = new StringBuilder(rest);
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        if (!empty) {
            lines.add(line.toString());
        }
        return lines;
    }
}
