package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A markdown task file split into lines, each classified once: prose, fenced code, HTML comment,
 * YAML front matter or table. Headings, the sections they open, the priority a section gives
 * and the {@code ## Dependencies} sections are known for every line, so the readers never
 * rescan the text.
 */
final class Document {

    enum Kind { TEXT, FENCE, COMMENT, FRONT_MATTER, TABLE }

    private static final Pattern DEPENDENCY_HEADING = Pattern.compile(
            "(?i)^(?:\\d+(?:\\.\\d+)*\\.?\\s+)?(?:(?:task|phase|story|user\\s+story|cross[- ]task)\\s+)?"
                    + "(?:dependenc(?:y|ies)\\b|execution\\s+order\\b)");
    private static final Pattern PRIORITY_WORD = Pattern.compile(
            "(?i)\\bpriority\\s*[:：=]?\\s*(?<level>p\\d{1,3}|critical|blocker|urgent|high|medium|normal|moderate|low|minor)\\b");
    private static final Pattern LEADING_P_LEVEL = Pattern.compile("^\\[?[Pp](?<digits>\\d{1,3})\\]?(?:$|[\\s:：\\-–—)])");
    private static final Pattern LEVEL_WORD_HEADING = Pattern.compile(
            "(?i)^(?<word>critical|urgent|high|medium|normal|low)(?:\\s+priority)?(?:\\s+(?:tasks?|items?|issues?))?\\s*[:：]?\\s*$");
    private static final Pattern PHASE_HEADING = Pattern.compile("(?i)^phase\\s+(?<number>[\\p{L}\\p{N}][\\p{L}\\p{N}.\\-]*)");
    /** Sections whose lists are criteria, notes or records about the work, never the work itself. */
    private static final Pattern NOT_TASK_HEADING = Pattern.compile("""
            (?ix)^(?:
              (?:acceptance|success|exit|completion|done)\\s+criteria(?:\\s+verification)?   # Acceptance Criteria, Success Criteria
            | proof\\s+requirements? | definition\\s+of\\s+done
            | (?:dev\\s+|implementation\\s+)?notes? | validation\\s+checklist | verification
            | optional\\s+enhancements(?:\\s*\\(future\\))? | future(?:\\s+(?:enhancements|ideas|work))?
            | out\\s+of\\s+scope | decision\\s+log | surprises(?:\\s*(?:&|and)\\s*discoveries)?
            | progress(?:\\s+(?:log|checklist))? | change\\s*log | references
            )\\s*[:：]?\\s*$""");

    private final String[] raw;
    private final String[] text;
    private final Kind[] kind;
    private final int[] indent;
    private final int[] headingLevel;
    private final String[] headingText;
    private final int[] lastHeading;
    private final int[] parentHeading;
    private final String[] fenceInfo;
    private final int[] fenceEnd;
    private final boolean[] dependencySection;
    private final Priority[] sectionPriority;
    private final int[] notTaskSection;

    private Document(String[] raw) {
        int n = raw.length;
        this.raw = raw;
        this.text = new String[n];
        this.kind = new Kind[n];
        this.indent = new int[n];
        this.headingLevel = new int[n];
        this.headingText = new String[n];
        this.lastHeading = new int[n];
        this.parentHeading = new int[n];
        this.fenceInfo = new String[n];
        this.fenceEnd = new int[n];
        this.dependencySection = new boolean[n];
        this.sectionPriority = new Priority[n];
        this.notTaskSection = new int[n];
        classify();
        structure();
    }

    /** Splits on CRLF, LF or CR; a final line break does not make an extra empty line. */
    static Document of(String content) {
        List<String> lines = new ArrayList<>();
        int length = content.length();
        int start = 0;
        int cr = content.indexOf('\r');
        while (start < length) {
            int nl = content.indexOf('\n', start);
            int end = nl < 0 ? length : nl;
            while (cr >= 0 && cr < end && !(cr + 1 == end && nl >= 0)) {
                lines.add(content.substring(start, cr));
                start = cr + 1;
                cr = content.indexOf('\r', start);
            }
            if (start >= length) {
                break;
            }
            boolean crlf = cr >= 0 && cr + 1 == end && nl >= 0;
            lines.add(content.substring(start, crlf ? cr : end));
            if (crlf) {
                cr = content.indexOf('\r', end + 1);
            }
            start = end + 1;
        }
        return new Document(lines.toArray(new String[0]));
    }

    int size() {
        return raw.length;
    }

    /** The line as written. */
    String raw(int i) {
        return raw[i];
    }

    /** The line with HTML comments blanked out; empty for code, comments, front matter and tables. */
    String text(int i) {
        return text[i];
    }

    Kind kind(int i) {
        return kind[i];
    }

    boolean isText(int i) {
        return kind[i] == Kind.TEXT;
    }

    boolean isBlank(int i) {
        return kind[i] == Kind.TEXT ? text[i].isBlank() : kind[i] == Kind.COMMENT;
    }

    int indent(int i) {
        return indent[i];
    }

    /** 1…6 for an ATX heading line, else 0. */
    int headingLevel(int i) {
        return headingLevel[i];
    }

    String headingText(int i) {
        return headingText[i];
    }

    /** The nearest heading whose level is below the given heading's, or -1. */
    int parentHeading(int headingLine) {
        return parentHeading[headingLine];
    }

    /** The heading of the section that holds line i (the line itself when it is a heading), or -1. */
    int sectionHeading(int i) {
        return lastHeading[i];
    }

    /** The heading at exactly {@code level} that encloses line i, or -1. */
    int enclosingHeading(int i, int level) {
        int h = lastHeading[i];
        while (h >= 0 && headingLevel[h] > level) {
            h = parentHeading[h];
        }
        return h >= 0 && headingLevel[h] == level ? h : -1;
    }

    /** Whether line i opens a fenced code block; {@link #fenceEnd} and {@link #fenceInfo} then apply. */
    boolean opensFence(int i) {
        return fenceInfo[i] != null;
    }

    /** The info string of the fence line i opens ({@code bash}, {@code ""}). */
    String fenceInfo(int i) {
        return fenceInfo[i];
    }

    /** The closing line of the fence opened on line i (or the last line when it never closes). */
    int fenceEnd(int i) {
        return fenceEnd[i];
    }

    /** Whether line i lies in a {@code ## Dependencies} (or similar) section, heading excluded. */
    boolean inDependencySection(int i) {
        return dependencySection[i];
    }

    /** The priority the enclosing headings give line i ({@code ## P0 Critical}, {@code (Priority: P1)}), if any. */
    Priority sectionPriority(int i) {
        return sectionPriority[i];
    }

    /**
     * The heading of the criteria, notes or log section ({@code ## Acceptance Criteria},
     * {@code ## Success Criteria}, {@code ## Notes}, {@code ## Optional Enhancements (Future)}…)
     * that holds line i, or -1: what is listed there is never a task.
     */
    int notTaskSection(int i) {
        return notTaskSection[i] - 1;
    }

    static boolean isNotTaskHeading(String heading) {
        return NOT_TASK_HEADING.matcher(stripDecoration(heading)).find();
    }

    boolean isThematicBreak(int i) {
        if (!isText(i)) {
            return false;
        }
        String t = text[i].strip();
        if (t.length() < 3) {
            return false;
        }
        char c = t.charAt(0);
        if (c != '-' && c != '*' && c != '_') {
            return false;
        }
        int count = 0;
        for (int k = 0; k < t.length(); k++) {
            char d = t.charAt(k);
            if (d == c) {
                count++;
            } else if (d != ' ' && d != '\t') {
                return false;
            }
        }
        return count >= 3;
    }

    /** Reads {@code Phase 3.1: Setup} as {@code phase 3.1}; any other heading as {@code phase "Setup"}. */
    static String phaseLabel(String heading) {
        String t = stripDecoration(heading);
        Matcher m = PHASE_HEADING.matcher(t);
        if (m.find()) {
            String number = m.group("number");
            while (number.endsWith(".") || number.endsWith("-")) {
                number = number.substring(0, number.length() - 1);
            }
            return "phase " + number;
        }
        String shown = t.length() > 60 ? t.substring(0, 57) + "..." : t;
        return "phase \"" + shown + "\"";
    }

    static boolean isPhaseHeading(String heading) {
        return PHASE_HEADING.matcher(stripDecoration(heading)).find();
    }

    /** The priority a heading gives its section, if it gives one. */
    static Optional<Priority> headingPriority(String heading) {
        String t = stripDecoration(heading);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.contains("riority")) {
            Matcher m = PRIORITY_WORD.matcher(t);
            if (m.find()) {
                return priorityWord(m.group("level"));
            }
        }
        char first = t.charAt(0);
        if (first == 'P' || first == 'p' || first == '[') {
            Matcher m = LEADING_P_LEVEL.matcher(t);
            if (m.find()) {
                return Optional.of(level(m.group("digits")));
            }
        }
        if (t.length() <= 40 && "CcUuHhMmNnLl".indexOf(first) >= 0) {
            Matcher m = LEVEL_WORD_HEADING.matcher(t);
            if (m.find()) {
                return Priority.parse(m.group("word"));
            }
        }
        return Optional.empty();
    }

    /** Cheap first look for {@link #headingPriority}: a task heading such as {@code T001: title} gives none. */
    private static boolean mayGivePriority(String heading) {
        int colon = heading.indexOf(':');
        boolean taskLike = colon > 1 && colon <= 14 && Character.isDigit(heading.charAt(colon - 1))
                && heading.indexOf('(') < 0 && heading.indexOf('[') < 0;
        return !taskLike || heading.regionMatches(true, 0, "p", 0, 1) || heading.toLowerCase(Locale.ROOT).contains("riority");
    }

    /** {@code P0}…{@code P3}, levels beyond P3 read as P3; or a word such as {@code High}. */
    static Optional<Priority> priorityWord(String word) {
        String w = word.strip();
        if (w.length() >= 2 && (w.charAt(0) == 'P' || w.charAt(0) == 'p') && allDigits(w, 1)) {
            return Optional.of(level(w.substring(1)));
        }
        return Priority.parse(w);
    }

    private static Priority level(String digits) {
        if (digits.length() > 1) {
            int zeros = 0;
            while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
                zeros++;
            }
            String trimmed = digits.substring(zeros);
            return trimmed.length() > 1 ? Priority.P3 : level(trimmed);
        }
        switch (digits.charAt(0)) {
            case '0': return Priority.P0;
            case '1': return Priority.P1;
            case '2': return Priority.P2;
            default: return Priority.P3;
        }
    }

    private static boolean allDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Drops leading emoji, bold markers and the like so that {@code ## 🔗 **Dependencies**} reads as a word. */
    static String stripDecoration(String heading) {
        int i = 0;
        while (i < heading.length()) {
            int cp = heading.codePointAt(i);
            if (Character.isLetterOrDigit(cp) || cp == '[' || cp == '(') {
                break;
            }
            i += Character.charCount(cp);
        }
        return heading.substring(i).replace("**", "").replace("__", "").strip();
    }

    private void classify() {
        int n = raw.length;
        int start = 0;
        int frontMatterEnd = frontMatterEnd();
        for (int i = 0; i <= frontMatterEnd; i++) {
            kind[i] = Kind.FRONT_MATTER;
            text[i] = "";
        }
        start = frontMatterEnd + 1;
        boolean inComment = false;
        for (int i = start; i < n; i++) {
            String line = raw[i];
            if (inComment) {
                int end = line.indexOf("-->");
                if (end < 0) {
                    kind[i] = Kind.COMMENT;
                    text[i] = "";
                    continue;
                }
                inComment = false;
                line = " ".repeat(end + 3) + line.substring(end + 3);
            } else {
                String info = fenceOpening(line);
                if (info != null) {
                    int close = fenceClose(i, line);
                    fenceInfo[i] = info;
                    fenceEnd[i] = close;
                    for (int k = i; k <= close; k++) {
                        kind[k] = Kind.FENCE;
                        text[k] = "";
                        indent[k] = indentOf(raw[k]);
                    }
                    i = close;
                    continue;
                }
            }
            if (line.stripLeading().startsWith("|")) {
                kind[i] = Kind.TABLE;
                text[i] = "";
                indent[i] = indentOf(line);
                continue;
            }
            StringBuilder masked = null;
            int from = 0;
            while (true) {
                int open = line.indexOf("<!--", from);
                if (open < 0) {
                    break;
                }
                if (masked == null) {
                    masked = new StringBuilder(line);
                }
                int close = line.indexOf("-->", open + 4);
                int stop = close < 0 ? line.length() : close + 3;
                for (int k = open; k < stop; k++) {
                    masked.setCharAt(k, ' ');
                }
                if (close < 0) {
                    inComment = true;
                    break;
                }
                from = stop;
            }
            kind[i] = Kind.TEXT;
            text[i] = masked == null ? line : masked.toString();
            indent[i] = indentOf(text[i]);
        }
    }

    /** YAML front matter: {@code ---} on the first line, a closing {@code ---} or {@code ...}, and {@code key:} lines between. */
    private int frontMatterEnd() {
        if (raw.length < 2 || !raw[0].strip().equals("---")) {
            return -1;
        }
        boolean sawKey = false;
        for (int i = 1; i < raw.length; i++) {
            String t = raw[i].strip();
            if (t.equals("---") || t.equals("...")) {
                return sawKey ? i : -1;
            }
            if (raw[i].startsWith("#") && t.length() > 1 && (t.charAt(1) == '#' || t.charAt(1) == ' ')) {
                return -1;
            }
            if (!raw[i].isEmpty() && Character.isLetter(raw[i].charAt(0))) {
                int colon = raw[i].indexOf(':');
                if (colon < 0) {
                    return -1;
                }
                sawKey = true;
            }
        }
        return -1;
    }

    /** The info string when the line opens a ``` or ~~~ fence, else null. */
    private static String fenceOpening(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i >= line.length()) {
            return null;
        }
        char c = line.charAt(i);
        if (c != '`' && c != '~') {
            return null;
        }
        int run = 0;
        while (i + run < line.length() && line.charAt(i + run) == c) {
            run++;
        }
        if (run < 3) {
            return null;
        }
        String info = line.substring(i + run).strip();
        if (c == '`' && info.indexOf('`') >= 0) {
            return null;
        }
        return info;
    }

    private int fenceClose(int open, String openLine) {
        String s = openLine.stripLeading();
        char c = s.charAt(0);
        int run = 0;
        while (run < s.length() && s.charAt(run) == c) {
            run++;
        }
        for (int k = open + 1; k < raw.length; k++) {
            String t = raw[k].strip();
            if (t.length() >= run && t.charAt(0) == c) {
                int r = 0;
                while (r < t.length() && t.charAt(r) == c) {
                    r++;
                }
                if (r >= run && r == t.length()) {
                    return k;
                }
            }
        }
        return raw.length - 1;
    }

    static int indentOf(String line) {
        int col = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                col++;
            } else if (c == '\t') {
                col += 4 - (col % 4);
            } else {
                break;
            }
        }
        return col;
    }

    private void structure() {
        int n = raw.length;
        int[] openAtLevel = new int[7];
        Priority[] priorityAtLevel = new Priority[7];
        java.util.Arrays.fill(openAtLevel, -1);
        int last = -1;
        int dependencyLevel = 0;
        int notTaskLevel = 0;
        int notTaskHeading = -1;
        for (int i = 0; i < n; i++) {
            parentHeading[i] = -1;
            if (isText(i)) {
                parseHeading(i);
            }
            int level = headingLevel[i];
            if (level > 0) {
                int parent = -1;
                for (int l = level - 1; l >= 1; l--) {
                    if (openAtLevel[l] >= 0) {
                        parent = openAtLevel[l];
                        break;
                    }
                }
                parentHeading[i] = parent;
                for (int l = level; l <= 6; l++) {
                    openAtLevel[l] = -1;
                    priorityAtLevel[l] = null;
                }
                openAtLevel[level] = i;
                priorityAtLevel[level] = mayGivePriority(headingText[i]) ? headingPriority(headingText[i]).orElse(null) : null;
                last = i;
                if (notTaskLevel > 0 && level <= notTaskLevel) {
                    notTaskLevel = 0;
                }
                if (notTaskLevel == 0 && isNotTaskHeading(headingText[i])) {
                    notTaskLevel = level;
                    notTaskHeading = i;
                }
                if (dependencyLevel > 0 && level <= dependencyLevel) {
                    dependencyLevel = 0;
                }
                String lower = headingText[i].toLowerCase(Locale.ROOT);
                if (dependencyLevel == 0 && (lower.contains("ependenc") || lower.contains("xecution"))
                        && DEPENDENCY_HEADING.matcher(stripDecoration(headingText[i])).find()) {
                    dependencyLevel = level;
                }
            } else {
                dependencySection[i] = dependencyLevel > 0;
            }
            lastHeading[i] = last;
            notTaskSection[i] = notTaskLevel > 0 ? notTaskHeading + 1 : 0;
            for (int l = 6; l >= 1; l--) {
                if (priorityAtLevel[l] != null) {
                    sectionPriority[i] = priorityAtLevel[l];
                    break;
                }
            }
        }
    }

    private void parseHeading(int i) {
        String line = text[i];
        int ind = indent[i];
        if (ind > 3) {
            return;
        }
        String s = line.stripLeading();
        int hashes = 0;
        while (hashes < s.length() && s.charAt(hashes) == '#') {
            hashes++;
        }
        if (hashes == 0 || hashes > 6) {
            return;
        }
        if (hashes < s.length() && s.charAt(hashes) != ' ' && s.charAt(hashes) != '\t') {
            return;
        }
        String content = s.substring(hashes).strip();
        int end = content.length();
        while (end > 0 && content.charAt(end - 1) == '#') {
            end--;
        }
        if (end == 0) {
            content = "";
        } else if (end < content.length() && (content.charAt(end - 1) == ' ' || content.charAt(end - 1) == '\t')) {
            content = content.substring(0, end).strip();
        }
        headingLevel[i] = hashes;
        headingText[i] = content;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Document[%d lines]", raw.length);
    }
}
