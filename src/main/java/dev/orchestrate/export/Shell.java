package dev.orchestrate.export;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Words for the POSIX shell lines of a pipeline: bare where the shell reads them as typed, else single-quoted. */
final class Shell {

    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private Shell() {
    }

    static String quote(String word) {
        if (!word.isEmpty() && BARE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static String words(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
