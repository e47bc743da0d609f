package dev.orchestrate.task;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's check (issue 14): what must pass for the task to count as done. Written as a
 * {@code Verify:} field whose value is one command, in backticks or bare ({@code **Verify**: `npm test`}),
 * a fenced block under a Verify label ({@code **Verify**:} or {@code #### Verify} followed by a
 * {@code bash} block), or the seed's {@code **Success**:} field when its value is one command in
 * backticks and nothing else. Prose with backticked names in it is a description, never a check.
 */
final class VerifyField {

    private static final Pattern FIELD = Pattern.compile("""
            (?x) ^ \\s* (?:[-*+] \\s+)?          # an optional list marker
            [*_]{0,3} (?<key> verify | success ) [*_]{0,3}
            \\s* [:：] [*_]{0,3} \\s* (?<value> .*?) \\s* $
            """, Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADING = Pattern.compile("(?i)^\\s*#{3,6}\\s+(?:verify|verification)\\s*:?\\s*$");
    private static final Pattern ONE_SPAN = Pattern.compile("^`(?<command>[^`]+)`[.]?$");

    private VerifyField() {
    }

    /** Whether the line only labels what follows as the check ({@code **Verify**:}, {@code #### Verify}). */
    static boolean isLabel(String line) {
        if (HEADING.matcher(line).matches()) {
            return true;
        }
        Matcher field = FIELD.matcher(line);
        return field.matches() && !field.group("key").equalsIgnoreCase("success") && field.group("value").isEmpty();
    }

    /** The command of a {@code Verify:} or command-only {@code **Success**:} field on this line, else null. */
    static String command(String line) {
        Matcher field = FIELD.matcher(line);
        if (!field.matches() || field.group("value").isEmpty()) {
            return null;
        }
        String value = field.group("value");
        Matcher span = ONE_SPAN.matcher(value);
        if (span.matches()) {
            return span.group("command").strip();
        }
        // prose around backticks ("`FooTests` passes") is a description, not a command; so is any Success: but one span
        return field.group("key").equalsIgnoreCase("success") || value.indexOf('`') >= 0 ? null : value;
    }
}
