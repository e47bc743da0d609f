package dev.orchestrate.task;

/**
 * What each line of a markdown file is ({@link Document.Kind}): prose, fenced code, HTML comment,
 * YAML front matter or table; the prose with its comments blanked out, its indentation, and for a
 * fence's opening line its info string and closing line.
 */
final class LineKinds {

    final String[] raw;
    final String[] text;
    final Document.Kind[] kind;
    final int[] indent;
    /** The info string of the fence a line opens, or null when it opens none. */
    final String[] fenceInfo;
    final int[] fenceEnd;

    LineKinds(String[] raw) {
        int n = raw.length;
        this.raw = raw;
        this.text = new String[n];
        this.kind = new Document.Kind[n];
        this.indent = new int[n];
        this.fenceInfo = new String[n];
        this.fenceEnd = new int[n];
        classify();
    }

    /** Classifies every line: fences first, then comments, tables and prose. */
    private void classify() {
        int n = raw.length;
        int start = 0;
        int frontMatterEnd = frontMatterEnd();
        for (int i = 0; i <= frontMatterEnd; i++) {
            kind[i] = Document.Kind.FRONT_MATTER;
            text[i] = "";
        }
        start = frontMatterEnd + 1;
        boolean inComment = false;
        for (int i = start; i < n; i++) {
            String line = raw[i];
            if (inComment) {
                int end = line.indexOf("-->");
                if (end < 0) {
                    kind[i] = Document.Kind.COMMENT;
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
                        kind[k] = Document.Kind.FENCE;
                        text[k] = "";
                        indent[k] = indentOf(raw[k]);
                    }
                    i = close;
                    continue;
                }
            }
            if (line.stripLeading().startsWith("|")) {
                kind[i] = Document.Kind.TABLE;
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
            kind[i] = Document.Kind.TEXT;
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
}
