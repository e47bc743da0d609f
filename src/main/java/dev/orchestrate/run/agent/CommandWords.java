package dev.orchestrate.run.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does before it runs anything: blanks
 * separate words, single quotes keep everything literally, double quotes keep everything but a
 * backslash before {@code $ ` " \} or a newline, and a backslash outside quotes keeps the next
 * character. Nothing is expanded ({@code $VAR}, {@code $(…)}, globs and {@code ~} stay as written)
 * because the words are never given to a shell.
 */
public final class CommandWords {

    private CommandWords() {
    }

    /**
     * @throws IllegalArgumentException on an unterminated quote or a trailing backslash, with a
     *                                  message that says where
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw unterminated("single quote", i, line);
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash at the end of the command: " + line);
                }
                char next = line.charAt(i + 1);
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
                // backslash-newline joins lines and adds nothing
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Reads a double-quoted part starting at {@code open}; returns the index after its closing quote. */
    private static int readDoubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < n) {
                char next = line.charAt(i + 1);
                if (next == '$' || next == '`' || next == '"' || next == '\\') {
                    word.append(next);
                    i += 2;
                    continue;
                }
                if (next == '\n') {
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw unterminated("double quote", open, line);
    }

    private static IllegalArgumentException unterminated(String what, int at, String line) {
        return new IllegalArgumentException("unterminated " + what + " at column " + (at + 1) + " of the command: " + line);
    }
}
