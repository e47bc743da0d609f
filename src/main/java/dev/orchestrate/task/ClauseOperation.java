package dev.orchestrate.task;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the clause before a path says the task does to the file: the last {@link ClauseVerb} in it,
 * weighed by the words between it and the path ({@code add X} creates, {@code add Y to X} changes).
 * The clause is read from text in which every character of a path found is {@link #PATH}.
 */
final class ClauseOperation {

    /** Stands for a path in the text a clause is read from. */
    static final char PATH = '\u0001';

    private static final Pattern PREPOSITION_BETWEEN = Pattern.compile("(?i)\\b(?:in|from|of|within|inside|on|at|across|to|into)\\b");
    private static final Pattern LOCATION_AFTER_FROM = Pattern.compile("(?i)\\b(?:in|into|to|at|inside|within)\\b");
    private static final Pattern TO_OR_INTO = Pattern.compile("(?i)\\b(?:to|into|in)\\b");
    private static final Pattern FILLER_WORDS = Pattern.compile("(?i)\\b(?:and|or|also|plus)\\b");
    private static final Pattern FILLER_MARKS = Pattern.compile("[\\s/&+、\u0001]");

    private static final List<ClauseVerb> VERBS = List.of(ClauseVerb.values());

    private ClauseOperation() {
    }

    /**
     * The verb of the clause before the path: the clause runs back to the last comma, semicolon,
     * colon, bracket, dash or sentence end, and on past it while all it holds is other paths and "and".
     */
    static FileOperation before(String masked, int pathStart) {
        int end = pathStart;
        while (end > 0) {
            int start = clauseStart(masked, end);
            String clause = masked.substring(start, end);
            FileOperation op = verbOperation(clause);
            if (op != null) {
                return op;
            }
            boolean soft = start > 0 && ",，、".indexOf(masked.charAt(start - 1)) >= 0;
            if (!soft || !filler(clause)) {
                return FileOperation.UNSPECIFIED;
            }
            end = start - 1;
        }
        return FileOperation.UNSPECIFIED;
    }

    /** Where the clause ending at {@code end} starts: after a comma (soft), or a stop, colon, bracket, arrow or dash (hard). */
    private static int clauseStart(String s, int end) {
        for (int i = end - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (",;:!?()—。，；：！？、→".indexOf(c) >= 0) {
                return i + 1;
            }
            if (c == '.' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                return i + 1;
            }
            if (c == '>' && i > 0 && s.charAt(i - 1) == '-') {
                return i + 1;
            }
            if (c == '-' && i > 0 && s.charAt(i - 1) == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean filler(String clause) {
        String rest = FILLER_MARKS.matcher(FILLER_WORDS.matcher(clause).replaceAll(" ")).replaceAll("");
        return rest.isEmpty();
    }

    private static FileOperation verbOperation(String clause) {
        ClauseVerb verb = null;
        int at = -1;
        int verbEnd = -1;
        ClauseVerb prior = null;
        boolean moved = false;
        int n = clause.length();
        int i = 0;
        String previous = null;
        int previousStart = -1;
        boolean ascii = true;
        while (i < n) {
            char c = clause.charAt(i);
            if (c > 0x7f) {
                ascii = false;
            }
            if (!isAsciiLetter(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isAsciiLetter(clause.charAt(i))) {
                i++;
            }
            if (i - start > 12) {
                previous = null;
                continue;
            }
            String word = clause.substring(start, i).toLowerCase(Locale.ROOT);
            ClauseVerb v = ClauseVerb.of(word);
            if (v == null && previous != null && ClauseVerb.completesReadPhrase(previous, word)) {
                v = ClauseVerb.READ;
                start = previousStart;
            }
            if (v != null) {
                if (verb != null) {
                    prior = verb;
                }
                verb = v;
                at = start;
                verbEnd = i;
            }
            moved |= ClauseVerb.movesContent(word);
            previous = word;
            previousStart = start;
        }
        if (!ascii) {
            for (ClauseVerb cjkVerb : VERBS) {
                for (String cjk : cjkVerb.cjkWords()) {
                    int idx = clause.lastIndexOf(cjk);
                    if (idx > at) {
                        verb = cjkVerb;
                        at = idx;
                        verbEnd = idx + cjk.length();
                    }
                }
            }
        }
        if (verb == null) {
            return null;
        }
        String between = clause.substring(verbEnd);
        int lastPath = between.lastIndexOf(PATH);
        if (lastPath >= 0 && !filler(between.substring(lastPath + 1))) {
            return FileOperation.UNSPECIFIED;
        }
        if (verb == ClauseVerb.FROM && prior != null && prior != ClauseVerb.FROM && LOCATION_AFTER_FROM.matcher(between).find()) {
            // "add X that picks a quote from the day of the year and prints it in `cli.py`": the path
            // is where the earlier verb acts, not what "from" takes from
            verb = prior;
        }
        switch (verb) {
            case CREATE:
                return FileOperation.CREATE;
            case ADD:
                return TO_OR_INTO.matcher(between).find() ? FileOperation.MODIFY : FileOperation.CREATE;
            case MODIFY:
                return FileOperation.MODIFY;
            case DELETE:
                return PREPOSITION_BETWEEN.matcher(between).find() ? FileOperation.MODIFY : FileOperation.DELETE;
            case FROM:
                return prior == ClauseVerb.DELETE || moved ? FileOperation.MODIFY : FileOperation.READ;
            default:
                return FileOperation.READ;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
