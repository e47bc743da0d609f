package dev.orchestrate.scout;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The language of a file, from its extension or, for a few build files, its whole name. */
final class Languages {

    private static final Map<String, String> BY_EXTENSION = new HashMap<>();
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        by("Java", "java");
        by("Kotlin", "kt", "kts");
        by("Scala", "scala", "sc");
        by("Groovy", "groovy", "gradle");
        by("Clojure", "clj", "cljs", "cljc", "edn");
        by("Python", "py", "pyi", "pyx");
        by("JavaScript", "js", "mjs", "cjs", "jsx");
        by("TypeScript", "ts", "tsx", "mts", "cts");
        by("Vue", "vue");
        by("Svelte", "svelte");
        by("Go", "go");
        by("Rust", "rs");
        by("C", "c", "h");
        by("C++", "cc", "cpp", "cxx", "hpp", "hh", "hxx");
        by("C#", "cs");
        by("F#", "fs", "fsx");
        by("Objective-C", "m", "mm");
        by("Swift", "swift");
        by("Dart", "dart");
        by("Ruby", "rb", "rake", "gemspec");
        by("PHP", "php");
        by("Perl", "pl", "pm");
        by("Lua", "lua");
        by("R", "r");
        by("Julia", "jl");
        by("Elixir", "ex", "exs");
        by("Erlang", "erl", "hrl");
        by("Haskell", "hs");
        by("OCaml", "ml", "mli");
        by("Zig", "zig");
        by("Nim", "nim");
        by("Shell", "sh", "bash", "zsh", "fish");
        by("PowerShell", "ps1", "psm1");
        by("Batch", "bat", "cmd");
        by("SQL", "sql");
        by("HTML", "html", "htm");
        by("CSS", "css");
        by("SCSS", "scss", "sass", "less");
        by("Markdown", "md", "mdx", "markdown");
        by("reStructuredText", "rst");
        by("AsciiDoc", "adoc");
        by("JSON", "json", "jsonc");
        by("YAML", "yml", "yaml");
        by("TOML", "toml");
        by("XML", "xml", "xsd", "xsl");
        by("Protocol Buffers", "proto");
        by("GraphQL", "graphql", "gql");
        by("Terraform", "tf", "tfvars");
        by("Solidity", "sol");
        BY_NAME.put("dockerfile", "Dockerfile");
        BY_NAME.put("makefile", "Makefile");
        BY_NAME.put("gnumakefile", "Makefile");
        BY_NAME.put("cmakelists.txt", "CMake");
        BY_NAME.put("jenkinsfile", "Groovy");
        BY_NAME.put("rakefile", "Ruby");
        BY_NAME.put("gemfile", "Ruby");
    }

    private Languages() {
    }

    private static void by(String language, String... extensions) {
        for (String extension : extensions) {
            BY_EXTENSION.put(extension, language);
        }
    }

    /** The language of the file whose name (last path segment) is given, or null. */
    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot > 0 && dot < fileName.length() - 1) {
            String language = BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (language != null) {
                return language;
            }
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dockerfile") || lower.endsWith(".dockerfile")) {
            return "Dockerfile";
        }
        return BY_NAME.get(lower);
    }
}
