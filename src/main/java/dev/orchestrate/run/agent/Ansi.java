package dev.orchestrate.run.agent;

import java.util.regex.Pattern;

/** Terminal escape sequences in what an agent printed: gemini colours its fatal errors even when stderr is a file. */
public final class Ansi {

    private static final Pattern ESCAPES = Pattern.compile("""
            (?x)
              \\u001B\\[ [0-?]* [\\x20-/]* [@-~]                  # CSI: colours, cursor moves (ESC [ 31 m)
            | \\u001B\\] .*? (?: \\u0007 | \\u001B\\\\ )      # OSC: titles, hyperlinks, ended by BEL or ESC \\
            | \\u001B [@-Z\\\\-_]                             # any other two-character escape
            | \\u009B [0-?]* [\\x20-/]* [@-~]                    # CSI in its one-byte C1 form
            """);

    private Ansi() {
    }

    /** {@code text} without escape sequences. */
    public static String strip(String text) {
        return text.indexOf('\u001B') < 0 && text.indexOf('\u009B') < 0 ? text : ESCAPES.matcher(text).replaceAll("");
    }
}
