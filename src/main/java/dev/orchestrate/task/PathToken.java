package dev.orchestrate.task;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a token of task text is a file path, and the path it names: {@code src/a.ts:12} is
 * {@code src/a.ts}, {@code node.js} and {@code foo()} are none. How sure a token must look depends
 * on where it stands ({@link Context}).
 */
final class PathToken {

    /** Where the token was written: the more the text says "this is a path", the less the token must show it. */
    enum Context {
        /** In backticks in prose. */
        CODE,
        /** In a {@code Files:} field. */
        FIELD,
        /** In backticks in a {@code Files:} field. */
        FIELD_CODE,
        /** Bare in prose. */
        BARE
    }

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

    private PathToken() {
    }

    /** The path as written minus {@code :line} suffixes and {@code ./}, or null when the token is not a path. */
    static String clean(String token, Context context) {
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
    private static String withoutLineSuffix(String t) {
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

    /** {@code notes.md} after {@code in}: a bare file name, without a slash, that a preposition names as a place. */
    static String fileNameAfterPreposition(String word) {
        String t = stripPunctuation(word);
        String ext = extension(t);
        if (t.indexOf('/') < 0 && ext != null && EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT))
                && t.chars().allMatch(ch -> ch < 0x7f && (Character.isLetterOrDigit(ch) || "._-".indexOf(ch) >= 0))
                && !NOT_PATHS.contains(t.toLowerCase(Locale.ROOT))) {
            return t;
        }
        return null;
    }
}
