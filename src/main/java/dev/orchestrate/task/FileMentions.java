package dev.orchestrate.task;

import java.util.ArrayList;
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
 */
final class FileMentions {

    private static final Set<String> EXTENSIONS = Set.of(
            "java", "kt", "kts", "scala", "groovy", "gradle", "clj", "cljs", "edn",
            "xml", "json", "jsonc", "json5", "yaml", "yml", "toml", "ini", "cfg", "conf", "properties", "env",
            "md", "mdx", "markdown", "rst", "txt", "adoc", "org", "tex",
            "html", "htm", "css", "scss", "sass", "less", "styl",
            "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "vue", "svelte", "astro",
            "py", "pyi", "pyx", "ipynb", "rb", "erb", "rake", "gemspec", "go", "mod", "sum", "rs",
            "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "m", "mm", "swift", "cs", "csproj", "sln",
            "fs", "fsx", "fsproj", "vb", "vbproj", "xaml", "razor", "cshtml", "php", "pl", "pm", "lua", "r",
            "jl", "dart", "ex", "exs", "erl", "hrl", "hs", "elm", "ml", "mli", "zig", "nim", "sol",
            "sh", "bash", "zsh", "fish", "ps1", "psm1", "bat", "cmd",
            "sql", "prisma", "graphql", "gql", "proto", "avsc", "thrift",
            "tf", "tfvars", "hcl", "nix", "dockerfile", "lock", "csv", "tsv", "parquet",
            "svg", "png", "jpg", "jpeg", "gif", "ico", "webp", "pdf",
            "feature", "snap", "tpl", "tmpl", "j2", "jinja", "hbs", "mustache", "ejs", "pug", "liquid", "njk",
            "cmake", "mk", "make", "bzl", "bazel", "plist", "pbxproj", "storyboard", "xib", "entitlements",
            "cabal", "lean", "cue", "wasm", "wat", "log", "db", "sqlite", "http", "rest",
            "example", "sample", "template", "dist", "local");
    private static final Set<String> BARE_FILE_NAMES = Set.of(
            "makefile", "dockerfile", "jenkinsfile", "gemfile", "rakefile", "procfile", "vagrantfile",
            "brewfile", "podfile", "justfile", "containerfile", "readme", "license", "changelog", "codeowners");
    private static final Set<String> NOT_PATHS = Set.of(
            "node.js", "next.js", "nuxt.js", "vue.js", "react.js", "express.js", "three.js", "d3.js", "chart.js",
            "ember.js", "backbone.js", "angular.js", "nest.js", "nestjs", "solid.js", "alpine.js", "p5.js",
            "moment.js", "day.js", "preact.js", "svelte.js", "deno.js", "socket.io", "asp.net", "vue.ts",
            "n/a", "tbd", "none", "and/or", "input/output", "console.log", "console.error", "console.warn",
            "console.info", "console.debug", "process.env", "module.exports", "window.location", "document.body",
            "json.dumps", "json.loads", "os.path", "sys.path");
    private static final Set<String> PREPOSITIONS = Set.of("in", "at", "into", "to", "from", "under", "inside", "within");

    private enum Verb { CREATE, ADD, MODIFY, DELETE, READ, FROM }

    /** Verbs by word; the last one before a path in its clause decides (see {@link #clauseOperation}). */
    private static final Map<String, Verb> VERBS = verbs();
    /** Two-word phrases: the first word, then the second it needs ({@code refer to}, {@code defined in}). */
    private static final Map<String, String> READ_PHRASES = Map.ofEntries(
            Map.entry("refer", "to"), Map.entry("refers", "to"), Map.entry("referring", "to"),
            Map.entry("according", "to"), Map.entry("based", "on"), Map.entry("defined", "in"),
            Map.entry("described", "in"), Map.entry("specified", "in"), Map.entry("documented", "in"));

    private static final String[][] CJK_VERBS = {
        {"新增", "CREATE"}, {"新建", "CREATE"}, {"创建", "CREATE"}, {"作成", "CREATE"}, {"新規", "CREATE"},
        {"添加", "ADD"}, {"追加", "ADD"},
        {"更新", "MODIFY"}, {"修改", "MODIFY"}, {"修正", "MODIFY"}, {"変更", "MODIFY"}, {"重构", "MODIFY"},
        {"删除", "DELETE"}, {"削除", "DELETE"}, {"移除", "DELETE"},
        {"参照", "READ"}, {"参考", "READ"}, {"基于", "READ"}, {"读取", "READ"},
    };
    private static final Pattern PREPOSITION_BETWEEN = Pattern.compile("(?i)\\b(?:in|from|of|within|inside|on|at|across|to|into)\\b");
    private static final Pattern LOCATION_AFTER_FROM = Pattern.compile("(?i)\\b(?:in|into|to|at|inside|within)\\b");
    private static final Pattern TO_OR_INTO = Pattern.compile("(?i)\\b(?:to|into|in)\\b");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");
    private static final Pattern FILLER_WORDS = Pattern.compile("(?i)\\b(?:and|or|also|plus)\\b");
    private static final Pattern FILLER_MARKS = Pattern.compile("[\\s/&+、\u0001]");
    private static final char MASK = '\u0001';
    private static final int MAX_MENTIONS = 100;

    private FileMentions() {
    }

    private static Map<String, Verb> verbs() {
        Map<String, Verb> m = new java.util.HashMap<>();
        for (String w : new String[] {"create", "creates", "created", "creating", "new", "scaffold", "scaffolds",
            "scaffolded", "scaffolding", "introduce", "introduces", "introduced", "introducing"}) {
            m.put(w, Verb.CREATE);
        }
        for (String w : new String[] {"add", "adds", "adding", "added"}) {
            m.put(w, Verb.ADD);
        }
        for (String w : new String[] {"update", "updates", "updated", "updating", "modify", "modifies", "modified",
            "modifying", "edit", "edits", "edited", "editing", "fix", "fixes", "fixed", "fixing", "refactor", "refactors",
            "refactored", "refactoring", "change", "changes", "changed", "changing", "extend", "extends", "extended",
            "extending", "patch", "patches", "patched", "patching", "rename", "renames", "renamed", "renaming", "amend",
            "amends", "amended", "amending", "adjust", "adjusts", "adjusted", "adjusting", "rewrite", "rewrites",
            "rewriting", "tweak", "tweaks", "tweaked", "tweaking"}) {
            m.put(w, Verb.MODIFY);
        }
        for (String w : new String[] {"delete", "deletes", "deleted", "deleting", "remove", "removes", "removed",
            "removing", "drop", "drops", "dropped", "dropping"}) {
            m.put(w, Verb.DELETE);
        }
        for (String w : new String[] {"read", "reads", "reading", "see", "per", "reference", "references", "referenced",
            "consult", "consults", "consulting", "use", "uses", "used", "using", "reuse", "reuses", "reused", "reusing",
            "following", "verify", "verifies", "verifying", "check", "checks", "checking", "confirm", "confirms",
            "confirming", "validate", "validates", "validating", "inspect", "inspects", "inspecting", "review", "reviews",
            "reviewing"}) {
            m.put(w, Verb.READ);
        }
        m.put("from", Verb.FROM);
        return Map.copyOf(m);
    }

    /** Paths named in a task's prose (title or body line). */
    static List<FileRef> fromText(String text, int line) {
        if (text.indexOf('.') < 0 && text.indexOf('/') < 0 && text.indexOf('`') < 0) {
            return List.of();
        }
        List<int[]> spans = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        int n = text.length();
        StringBuilder masked = new StringBuilder(text);
        StringBuilder prose = new StringBuilder(text);
        int i = 0;
        while (i < n && paths.size() < MAX_MENTIONS) {
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
            String path = clean(inner, Context.CODE);
            if (path != null) {
                spans.add(new int[] {i, close + ticks});
                paths.add(path);
            }
            for (int k = i; k < close + ticks; k++) {
                masked.setCharAt(k, MASK);
                if (path == null) {
                    prose.setCharAt(k, '_');
                }
            }
            i = close + ticks;
        }
        addBareTokens(masked, spans, paths);
        return operations(prose.toString(), spans, paths, line);
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
                FileOperation mark = mark(inner);
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
                FileOperation verb = typeWord(token);
                if (verb != null && !token.contains("/") && !token.contains(".")) {
                    pending = verb;
                    continue;
                }
            }
            String path = clean(token, quoted ? Context.FIELD_CODE : Context.FIELD);
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
            FileOperation op = typeWord(word);
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

    private static FileOperation typeWord(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "create": case "created": case "new": case "add": case "added": case "creates":
                return FileOperation.CREATE;
            case "modify": case "modified": case "modifies": case "update": case "updated": case "edit": case "edited":
            case "change": case "changed": case "fix": case "refactor": case "extend":
                return FileOperation.MODIFY;
            case "delete": case "deleted": case "remove": case "removed":
                return FileOperation.DELETE;
            case "read": case "verify": case "review": case "check": case "reference": case "readonly":
                return FileOperation.READ;
            default:
                return null;
        }
    }

    /** {@code (new file)}, {@code (create)}, {@code (modified)}, {@code (read-only)} after a path. */
    private static FileOperation mark(String inner) {
        String t = inner.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "new": case "new file": case "create": case "created": case "creates": case "to create": case "add": case "added":
                return FileOperation.CREATE;
            case "modify": case "modified": case "update": case "updated": case "edit": case "edited": case "existing":
                return FileOperation.MODIFY;
            case "delete": case "deleted": case "remove": case "removed":
                return FileOperation.DELETE;
            case "read": case "read-only": case "readonly": case "read only": case "reference":
                return FileOperation.READ;
            default:
                return null;
        }
    }

    private enum Context { CODE, FIELD, FIELD_CODE, BARE }

    /** The path as written minus {@code :line} suffixes and {@code ./}, or null when the token is not a path. */
    private static String clean(String token, Context context) {
        String t = token.strip();
        if (context == Context.FIELD || context == Context.BARE) {
            t = stripPunctuation(t);
        }
        if (t.isEmpty() || t.length() > 300) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || c == '`' || c == '"' || c == '\'' || c == '|' || c == '\\' && context == Context.BARE) {
                return null;
            }
            if (context == Context.BARE && c > 0x7e) {
                return null;
            }
        }
        if (t.contains("://") || t.contains("::") || t.startsWith("~") || t.startsWith("$") || t.startsWith("-")
                || t.startsWith("@") || t.startsWith("#") || t.startsWith("=") || t.startsWith("<") && !t.contains("/")) {
            return null;
        }
        t = withoutLineSuffix(t);
        while (t.startsWith("./")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.endsWith("/") || t.equals(".") || t.equals("..")) {
            return null;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (NOT_PATHS.contains(lower) || callLike(t)) {
            return null;
        }
        String name = t.substring(t.lastIndexOf('/') + 1);
        boolean slash = t.indexOf('/') >= 0;
        boolean glob = t.indexOf('*') >= 0 || t.indexOf('{') >= 0;
        String ext = extension(name);
        boolean knownExt = ext != null && EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT));
        boolean dotfile = name.length() > 1 && name.charAt(0) == '.' && Character.isLetterOrDigit(name.charAt(1));
        boolean bareName = BARE_FILE_NAMES.contains(name.toLowerCase(Locale.ROOT));
        switch (context) {
            case FIELD:
            case FIELD_CODE:
                if (knownExt || dotfile || bareName || glob) {
                    return t;
                }
                return slash && hasLetter(t) && !lower.startsWith("n/a") ? t : null;
            case CODE:
                if (knownExt || dotfile || bareName) {
                    return t;
                }
                return slash && (glob || (ext != null && hasLetter(ext))) ? t : null;
            default:
                return slash && (knownExt || (glob && ext != null) || (ext != null && hasLetter(ext) && ext.length() <= 6)) ? t : null;
        }
    }

    /** Drops {@code :123}, {@code :10-20}, {@code :12:5} and {@code #L12-L20} from the end of a path. */
    static String withoutLineSuffix(String t) {
        int end = t.length();
        int i = end;
        while (i > 0 && (Character.isDigit(t.charAt(i - 1)) || t.charAt(i - 1) == '-' || t.charAt(i - 1) == '–'
                || t.charAt(i - 1) == ':' || t.charAt(i - 1) == 'L' || t.charAt(i - 1) == '#')) {
            i--;
        }
        // i is where the run of suffix characters starts; accept it only when it is well formed
        for (int k = i; k < end; k++) {
            char c = t.charAt(k);
            if (c == ':' && k + 1 < end && Character.isDigit(t.charAt(k + 1)) && numbersAndSeparators(t, k + 1, end, false)) {
                return t.substring(0, k);
            }
            if (c == '#' && k + 2 < end && t.charAt(k + 1) == 'L' && Character.isDigit(t.charAt(k + 2))
                    && numbersAndSeparators(t, k + 2, end, true)) {
                return t.substring(0, k);
            }
        }
        return t;
    }

    private static boolean numbersAndSeparators(String t, int from, int end, boolean lines) {
        for (int k = from; k < end; k++) {
            char c = t.charAt(k);
            boolean ok = Character.isDigit(c) || c == '-' || c == '–' || (!lines && c == ':') || (lines && c == 'L' && k > from && t.charAt(k - 1) == '-');
            if (!ok) {
                return false;
            }
        }
        return Character.isDigit(t.charAt(end - 1));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return null;
        }
        String ext = name.substring(dot + 1);
        for (int i = 0; i < ext.length(); i++) {
            if (!Character.isLetterOrDigit(ext.charAt(i))) {
                return null;
            }
        }
        return ext.length() <= 12 ? ext : null;
    }

    /** {@code foo()}, {@code a.b(c)}: a call, not a path; {@code src/app/(auth)/x.ts} keeps its group. */
    private static boolean callLike(String t) {
        for (int i = 1; i < t.length(); i++) {
            if (t.charAt(i) == '(' && Character.isLetterOrDigit(t.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String stripPunctuation(String t) {
        int start = 0;
        int end = t.length();
        while (start < end && "([\"'「『【<*_".indexOf(t.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ")]\"'.,;:!?」』】>*_、，。；：".indexOf(t.charAt(end - 1)) >= 0) {
            char c = t.charAt(end - 1);
            if ((c == ')' && balance(t, start, end, '(', ')') <= 0) || (c == ']' && balance(t, start, end, '[', ']') <= 0)
                    || (c != ')' && c != ']')) {
                end--;
            } else {
                break;
            }
        }
        return t.substring(start, end);
    }

    private static int balance(String t, int start, int end, char open, char close) {
        int b = 0;
        for (int i = start; i < end; i++) {
            if (t.charAt(i) == open) {
                b++;
            } else if (t.charAt(i) == close) {
                b--;
            }
        }
        return b;
    }

    /** {@code in path/x.ext} and other slash paths outside backticks. */
    private static void addBareTokens(StringBuilder masked, List<int[]> spans, List<String> paths) {
        int n = masked.length();
        int i = 0;
        boolean afterPreposition = false;
        List<int[]> bareSpans = new ArrayList<>();
        List<String> barePaths = new ArrayList<>();
        while (i < n && bareSpans.size() < MAX_MENTIONS) {
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
                String path = clean(word, Context.BARE);
                if (path == null && afterPreposition) {
                    String t = stripPunctuation(word);
                    String ext = extension(t);
                    if (t.indexOf('/') < 0 && ext != null && EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT))
                            && t.chars().allMatch(ch -> ch < 0x7f && (Character.isLetterOrDigit(ch) || "._-".indexOf(ch) >= 0))
                            && !NOT_PATHS.contains(t.toLowerCase(Locale.ROOT))) {
                        path = t;
                    }
                }
                if (path != null) {
                    bareSpans.add(new int[] {start, i});
                    barePaths.add(path);
                }
            }
            afterPreposition = i - start <= 6 && PREPOSITIONS.contains(masked.substring(start, i).toLowerCase(Locale.ROOT));
        }
        // keep text order so that clause analysis can see the earlier mentions
        List<int[]> allSpans = new ArrayList<>(spans);
        List<String> allPaths = new ArrayList<>(paths);
        allSpans.addAll(bareSpans);
        allPaths.addAll(barePaths);
        Integer[] order = new Integer[allSpans.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(allSpans.get(a)[0], allSpans.get(b)[0]));
        spans.clear();
        paths.clear();
        for (int k : order) {
            spans.add(allSpans.get(k));
            paths.add(allPaths.get(k));
        }
    }

    private static List<FileRef> operations(String text, List<int[]> spans, List<String> paths, int line) {
        List<FileRef> refs = new ArrayList<>(paths.size());
        if (paths.isEmpty()) {
            return refs;
        }
        StringBuilder masked = new StringBuilder(text);
        for (int[] span : spans) {
            for (int k = span[0]; k < span[1]; k++) {
                masked.setCharAt(k, MASK);
            }
        }
        String m = masked.toString();
        for (int k = 0; k < paths.size(); k++) {
            int[] span = spans.get(k);
            FileOperation op = markAfter(text, span[1]);
            if (op == null) {
                op = clauseOperation(m, span[0]);
            }
            refs.add(new FileRef(paths.get(k), op, line));
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
                return mark(text.substring(i + 1, close));
            }
        }
        return null;
    }

    /**
     * The verb of the clause before the path: the clause runs back to the last comma, semicolon,
     * colon, bracket, dash or sentence end, and on past it while all it holds is other paths and "and".
     */
    private static FileOperation clauseOperation(String masked, int pathStart) {
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
        Verb verb = null;
        int at = -1;
        int verbEnd = -1;
        Verb prior = null;
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
            Verb v = VERBS.get(word);
            if (v == null && previous != null && word.equals(READ_PHRASES.get(previous))) {
                v = Verb.READ;
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
            moved |= word.equals("move") || word.equals("moving") || word.equals("extract") || word.equals("extracting");
            previous = word;
            previousStart = start;
        }
        if (!ascii) {
            for (String[] cjk : CJK_VERBS) {
                int idx = clause.lastIndexOf(cjk[0]);
                if (idx > at) {
                    verb = Verb.valueOf(cjk[1]);
                    at = idx;
                    verbEnd = idx + cjk[0].length();
                }
            }
        }
        if (verb == null) {
            return null;
        }
        String between = clause.substring(verbEnd);
        int lastPath = between.lastIndexOf(MASK);
        if (lastPath >= 0 && !filler(between.substring(lastPath + 1))) {
            return FileOperation.UNSPECIFIED;
        }
        if (verb == Verb.FROM && prior != null && prior != Verb.FROM && LOCATION_AFTER_FROM.matcher(between).find()) {
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
                return prior == Verb.DELETE || moved ? FileOperation.MODIFY : FileOperation.READ;
            default:
                return FileOperation.READ;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
