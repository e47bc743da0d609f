package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The paths a task names and what it does to them. Paths come from {@code Files:} fields,
 * backticked paths and {@code in path/x.ext} phrases; the operation from a {@code Type:} field, a
 * {@code (new file)} / {@code (create)} mark after the path, or the verb of the clause that names
 * it. Where none of these says, the operation stays {@link FileOperation#UNSPECIFIED} and the
 * planner decides from the scout: guessing "modify" or "read" here would lose a lock or an ordering.
 * Which tokens are paths is {@link PathToken}'s call, which words name operations
 * {@link OperationWords}' and {@link ClauseVerb}'s.
 */
final class FileMentions {

    /** A path found in a line of prose: {@code [start, end)} is where it is written (with its backticks). */
    private record Mention(int start, int end, String path) {
    }

    private static final Set<String> PREPOSITIONS = Set.of("in", "at", "into", "to", "from", "under", "inside", "within");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");
    private static final char MASK = ClauseOperation.PATH;
    private static final int MAX_MENTIONS = 100;

    private FileMentions() {
    }

    /** Paths named in a task's prose (title or body line). */
    static List<FileRef> fromText(String text, int line) {
        if (text.indexOf('.') < 0 && text.indexOf('/') < 0 && text.indexOf('`') < 0) {
            return List.of();
        }
        List<Mention> mentions = new ArrayList<>();
        int n = text.length();
        StringBuilder masked = new StringBuilder(text);
        StringBuilder prose = new StringBuilder(text);
        int i = 0;
        while (i < n && mentions.size() < MAX_MENTIONS) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }
            int ticks = 0;
            while (i + ticks < n && text.charAt(i + ticks) == '`') {
                ticks++;
            }
            String fence = "`".repeat(ticks);
            int close = text.indexOf(fence, i + ticks);
            if (close < 0) {
                break;
            }
            String inner = text.substring(i + ticks, close).strip();
            String path = PathToken.clean(inner, PathToken.Context.CODE);
            if (path != null) {
                mentions.add(new Mention(i, close + ticks, path));
            }
            for (int k = i; k < close + ticks; k++) {
                masked.setCharAt(k, MASK);
                if (path == null) {
                    prose.setCharAt(k, '_');
                }
            }
            i = close + ticks;
        }
        return operations(prose.toString(), inTextOrder(mentions, bareMentions(masked)), line);
    }

    /** The value of a {@code Files:} field: every path in it, with {@code (new file)}-style marks and the {@code Type:}. */
    static List<FileRef> fromField(String value, int line, FileOperation type) {
        List<FileRef> refs = new ArrayList<>();
        FileOperation pending = null;
        int n = value.length();
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            boolean quoted = c == '`';
            if (Character.isWhitespace(c) || c == ',' || c == ';' || c == '、' || c == '，' || c == '|') {
                i++;
                continue;
            }
            String token;
            if (c == '`') {
                int close = value.indexOf('`', i + 1);
                if (close < 0) {
                    close = n;
                }
                token = value.substring(i + 1, close).strip();
                i = Math.min(n, close + 1);
            } else if (c == '(') {
                int close = value.indexOf(')', i + 1);
                String inner = value.substring(i + 1, close < 0 ? n : close);
                i = close < 0 ? n : close + 1;
                FileOperation mark = OperationWords.mark(inner);
                if (mark != null && !refs.isEmpty()) {
                    FileRef last = refs.get(refs.size() - 1);
                    refs.set(refs.size() - 1, new FileRef(last.path(), mark, last.line()));
                }
                continue;
            } else {
                int k = i;
                while (k < n && !Character.isWhitespace(value.charAt(k)) && ",;、，`|".indexOf(value.charAt(k)) < 0) {
                    k++;
                }
                token = value.substring(i, k);
                i = k;
                FileOperation verb = OperationWords.typeWord(token);
                if (verb != null && !token.contains("/") && !token.contains(".")) {
                    pending = verb;
                    continue;
                }
            }
            String path = PathToken.clean(token, quoted ? PathToken.Context.FIELD_CODE : PathToken.Context.FIELD);
            if (path != null) {
                FileOperation op = pending != null ? pending : type;
                refs.add(new FileRef(path, op, line));
                pending = null;
            }
        }
        return refs;
    }

    /** Reads a {@code Type:} value: {@code Create}, {@code Modify}, {@code Delete}; a template's {@code Create | Modify} says nothing. */
    static FileOperation typeValue(String value) {
        FileOperation found = null;
        for (String word : NOT_LETTERS.split(value)) {
            FileOperation op = OperationWords.typeWord(word);
            if (op == null) {
                continue;
            }
            if (found != null && found != op) {
                return FileOperation.UNSPECIFIED;
            }
            found = op;
        }
        return found == null ? FileOperation.UNSPECIFIED : found;
    }

    /** Keeps the first mention of each path, with the most telling operation any mention gave it. */
    static void merge(Map<String, FileRef> into, List<FileRef> refs) {
        for (FileRef ref : refs) {
            FileRef old = into.get(ref.path());
            if (old == null) {
                into.put(ref.path(), ref);
            } else if (rank(ref.operation()) > rank(old.operation())) {
                into.put(ref.path(), new FileRef(old.path(), ref.operation(), old.line()));
            }
        }
    }

    static Map<String, FileRef> newMap() {
        return new LinkedHashMap<>();
    }

    private static int rank(FileOperation op) {
        switch (op) {
            case READ: return 0;
            case UNSPECIFIED: return 1;
            case MODIFY: return 2;
            case DELETE: return 3;
            default: return 4;
        }
    }

    /** {@code in path/x.ext} and other slash paths outside backticks (which {@code masked} has blanked out). */
    private static List<Mention> bareMentions(StringBuilder masked) {
        int n = masked.length();
        int i = 0;
        boolean afterPreposition = false;
        List<Mention> bare = new ArrayList<>();
        while (i < n && bare.size() < MAX_MENTIONS) {
            char c = masked.charAt(i);
            if (Character.isWhitespace(c) || c == MASK) {
                i++;
                continue;
            }
            int start = i;
            boolean slash = false;
            boolean dot = false;
            while (i < n && !Character.isWhitespace(masked.charAt(i)) && masked.charAt(i) != MASK) {
                slash |= masked.charAt(i) == '/';
                dot |= masked.charAt(i) == '.';
                i++;
            }
            if ((slash || afterPreposition) && dot) {
                String word = masked.substring(start, i);
                String path = PathToken.clean(word, PathToken.Context.BARE);
                if (path == null && afterPreposition) {
                    path = PathToken.fileNameAfterPreposition(word);
                }
                if (path != null) {
                    bare.add(new Mention(start, i, path));
                }
            }
            afterPreposition = i - start <= 6 && PREPOSITIONS.contains(masked.substring(start, i).toLowerCase(Locale.ROOT));
        }
        return bare;
    }

    /** Both kinds of mention in text order, so that clause analysis can see the earlier ones. */
    private static List<Mention> inTextOrder(List<Mention> quoted, List<Mention> bare) {
        List<Mention> all = new ArrayList<>(quoted.size() + bare.size());
        all.addAll(quoted);
        all.addAll(bare);
        all.sort(Comparator.comparingInt(Mention::start));
        return all;
    }

    private static List<FileRef> operations(String text, List<Mention> mentions, int line) {
        List<FileRef> refs = new ArrayList<>(mentions.size());
        if (mentions.isEmpty()) {
            return refs;
        }
        StringBuilder masked = new StringBuilder(text);
        for (Mention mention : mentions) {
            for (int k = mention.start(); k < mention.end(); k++) {
                masked.setCharAt(k, MASK);
            }
        }
        String m = masked.toString();
        for (Mention mention : mentions) {
            FileOperation op = markAfter(text, mention.end());
            if (op == null) {
                op = ClauseOperation.before(m, mention.start());
            }
            refs.add(new FileRef(mention.path(), op, line));
        }
        return refs;
    }

    private static FileOperation markAfter(String text, int end) {
        int i = end;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '(') {
            int close = text.indexOf(')', i);
            if (close > i && close - i < 24) {
                return OperationWords.mark(text.substring(i + 1, close));
            }
        }
        return null;
    }
}
