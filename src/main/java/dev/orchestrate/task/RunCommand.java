package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;

/** A task's shell command, from its {@code Run:} field or its shell blocks. */
final class RunCommand {

    private RunCommand() {
    }

    /**
     * A {@code Run:} / {@code Command:} field, else the task's {@code bash}/{@code sh}/{@code shell} blocks.
     * A slash command ({@code /generate TODO-035}) is an instruction to a coding agent, not a shell command.
     */
    static String of(String field, List<String> fences) {
        if (field != null && !field.isBlank()) {
            String value = field.strip();
            List<String> spans = new ArrayList<>();
            int i = 0;
            while (i < value.length()) {
                int open = value.indexOf('`', i);
                if (open < 0) {
                    break;
                }
                int close = value.indexOf('`', open + 1);
                if (close < 0) {
                    break;
                }
                spans.add(value.substring(open + 1, close).strip());
                i = close + 1;
            }
            String command = spans.isEmpty() ? value : String.join("\n", spans);
            command = command.strip();
            if (!command.isEmpty() && !slashCommand(command)) {
                return command;
            }
        }
        String joined = String.join("\n", fences).strip();
        return joined.isEmpty() ? null : joined;
    }

    private static boolean slashCommand(String command) {
        if (command.length() < 2 || command.charAt(0) != '/' || !Character.isLetter(command.charAt(1))) {
            return false;
        }
        int end = 1;
        while (end < command.length() && !Character.isWhitespace(command.charAt(end))) {
            end++;
        }
        return command.substring(1, end).indexOf('/') < 0;
    }
}
