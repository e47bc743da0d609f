package dev.orchestrate.scout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.session.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shape of a project from the list of its files (relative, '/'-separated) and a few small
 * root files: languages, notable directories, entry points, config files, build system, tests.
 * One pass over the list; file contents are read only for a handful of root build files.
 */
final class ProjectLayout {

    static final int MAX_DIRECTORIES = 60;
    static final int MAX_ENTRY_POINTS = 15;
    static final int MAX_CONFIG_FILES = 40;
    static final int MAX_TEST_EXAMPLES = 5;
    static final int MAX_BUILD_SCRIPTS = 30;
    private static final long MAX_READ_BYTES = 1 << 20;

    /** Folders whose sub-folders are worth naming: where modules, packages and commands live. */
    private static final Set<String> NOTABLE_PARENTS = Set.of(
            "src", "packages", "apps", "libs", "lib", "crates", "cmd", "services", "modules",
            "internal", "pkg", "app", "test", "tests", "components", "plugins", ".github");
    private static final int CHILDREN_PER_PARENT = 12;

    private static final Set<String> CONFIG_NAMES = Set.of(
            "pom.xml", "mvnw", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts",
            "gradle.properties", "gradlew", "build.sbt", "Cargo.toml", "go.mod", "go.work", "package.json",
            "jsconfig.json", ".babelrc", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "tox.ini",
            "pytest.ini", ".flake8", "mypy.ini", "ruff.toml", "Gemfile", ".rspec", "composer.json", "phpunit.xml",
            "phpunit.xml.dist", "mix.exs", "pubspec.yaml", "Package.swift", "CMakeLists.txt", "meson.build",
            "Makefile", "makefile", "GNUmakefile", "justfile", "Justfile", "Taskfile.yml", "Dockerfile",
            "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", ".editorconfig",
            ".gitignore", ".nvmrc", ".node-version", ".python-version", ".tool-versions", ".env.example",
            "nx.json", "turbo.json", "lerna.json", "pnpm-workspace.yaml", "deno.json", "deno.jsonc",
            "MODULE.bazel", "WORKSPACE", "WORKSPACE.bazel", "BUILD.bazel", ".pre-commit-config.yaml",
            ".travis.yml", ".gitlab-ci.yml", "Jenkinsfile", "azure-pipelines.yml", "Directory.Build.props",
            "global.json", "netlify.toml", "vercel.json", "wrangler.toml", "fly.toml", "Procfile",
            "serverless.yml", ".golangci.yml", ".golangci.yaml", "rustfmt.toml", "clippy.toml",
            "analysis_options.yaml", "biome.json", ".npmrc", ".yarnrc.yml", "angular.json", "requirements.txt",
            "environment.yml", "Cargo.lock", "go.sum", "package-lock.json", "yarn.lock", "pnpm-lock.yaml",
            "bun.lockb", "bun.lock", "poetry.lock", "uv.lock", "pdm.lock", "Gemfile.lock", "composer.lock");
    private static final List<String> CONFIG_PREFIXES = List.of(
            "tsconfig", ".eslintrc", "eslint.config.", ".prettierrc", "prettier.config.", "babel.config.",
            "vite.config.", "vitest.config.", "jest.config.", "webpack.config.", "rollup.config.",
            "next.config.", "nuxt.config.", "svelte.config.", "astro.config.", "tailwind.config.",
            "postcss.config.", "playwright.config.", "cypress.config.", "drizzle.config.", ".stylelintrc",
            "requirements-", "requirements_", "karma.conf.");
    private static final Set<String> LOCK_FILES = Set.of("Cargo.lock", "go.sum", "package-lock.json", "yarn.lock",
            "pnpm-lock.yaml", "bun.lockb", "bun.lock", "poetry.lock", "uv.lock", "pdm.lock", "Gemfile.lock", "composer.lock");

    private static final Set<String> ENTRY_NAMES_ANY_DEPTH = Set.of(
            "main.go", "Main.java", "Main.kt", "Main.scala", "__main__.py", "manage.py", "Program.cs",
            "main.rs", "main.c", "main.cpp", "main.cc", "main.swift", "main.dart", "wsgi.py", "asgi.py");
    private static final Set<String> ENTRY_NAMES_SHALLOW = Set.of(
            "main.py", "app.py", "cli.py", "server.py", "main.ts", "main.js", "main.tsx", "main.jsx", "main.mjs",
            "index.ts", "index.js", "index.tsx", "index.jsx", "index.mjs", "server.ts", "server.js", "app.ts",
            "app.js", "cli.ts", "cli.js", "App.tsx", "App.jsx", "App.vue", "App.svelte", "page.tsx", "page.jsx",
            "layout.tsx", "_app.tsx", "_app.js", "lib.rs", "main.rb", "app.rb", "config.ru", "index.php",
            "main.lua", "main.sh");

    private static final Pattern MAKE_TARGET = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9_.-]*)\\s*:(?!=)");

    /** Languages, structure and patterns found. */
    record Shape(Map<String, Integer> languages, Context.Structure structure, Context.Patterns patterns) {
    }

    private ProjectLayout() {
    }

    static Shape analyse(Path root, List<String> files, List<String> warnings) {
        Map<String, int[]> languageCounts = new HashMap<>();
        Map<String, int[]> dirCounts = new HashMap<>();
        Set<String> rootFiles = new HashSet<>();
        List<String> entryPoints = new ArrayList<>();
        List<String> configs = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        List<String> testExamples = new ArrayList<>();
        Map<String, int[]> testLanguages = new HashMap<>();
        int testCount = 0;
        boolean conftest = false;

        for (String path : files) {
            int slash = path.lastIndexOf('/');
            String name = slash < 0 ? path : path.substring(slash + 1);
            int depth = slash < 0 ? 0 : countSlashes(path);
            String language = Languages.of(name);
            if (language != null) {
                languageCounts.computeIfAbsent(language, k -> new int[1])[0]++;
            }
            if (slash < 0) {
                rootFiles.add(name);
                if (isConfig(name)) {
                    configs.add(name);
                }
            } else {
                countDirectories(path, dirCounts);
                if (path.startsWith(".github/workflows/")) {
                    configs.add(path);
                }
            }
            if (isTestFile(path, name)) {
                testCount++;
                if (testExamples.size() < MAX_TEST_EXAMPLES) {
                    testExamples.add(path);
                }
                if (language != null) {
                    testLanguages.computeIfAbsent(language, k -> new int[1])[0]++;
                }
                conftest |= name.equals("conftest.py");
            } else if (isEntryPoint(name, depth, path)) {
                entryPoints.add(path);
            }
            if (isScript(path, name, depth)) {
                scripts.add(path);
            }
            if (name.equals("conftest.py")) {
                conftest = true;
            }
        }

        Map<String, Integer> languages = sortedCounts(languageCounts);
        entryPoints.sort(Comparator.comparingInt(ProjectLayout::countSlashes).thenComparing(Comparator.naturalOrder()));
        configs.sort(Comparator.comparing((String p) -> p.contains("/")).thenComparing(Comparator.naturalOrder()));

        RootFiles root_ = new RootFiles(root, rootFiles, warnings);
        String buildSystem = buildSystem(rootFiles);
        String testing = testing(buildSystem, root_, rootFiles, dirCounts, conftest, testLanguages);
        List<String> buildScripts = buildScripts(buildSystem, root_, rootFiles, scripts);

        Context.Structure structure = new Context.Structure(
                directories(dirCounts),
                entryPoints.subList(0, Math.min(MAX_ENTRY_POINTS, entryPoints.size())),
                configs.subList(0, Math.min(MAX_CONFIG_FILES, configs.size())));
        Context.Patterns patterns = new Context.Patterns(buildSystem, testing,
                new Context.TestFiles(testCount, testExamples), buildScripts);
        return new Shape(languages, structure, patterns);
    }

    private static int countSlashes(String path) {
        int n = 0;
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            n++;
        }
        return n;
    }

    /** Counts the file under its top-level folder, and under its second and third level where those are notable. */
    private static void countDirectories(String path, Map<String, int[]> dirCounts) {
        int first = path.indexOf('/');
        String top = path.substring(0, first);
        dirCounts.computeIfAbsent(top, k -> new int[1])[0]++;
        int second = path.indexOf('/', first + 1);
        if (second < 0 || !NOTABLE_PARENTS.contains(top)) {
            return;
        }
        String child = path.substring(0, second);
        dirCounts.computeIfAbsent(child, k -> new int[1])[0]++;
        // src/main/java, src/test/kotlin: the source roots of Maven and Gradle layouts
        if (top.equals("src")) {
            int third = path.indexOf('/', second + 1);
            String middle = path.substring(first + 1, second);
            if (third > 0 && (middle.equals("main") || middle.equals("test"))) {
                dirCounts.computeIfAbsent(path.substring(0, third), k -> new int[1])[0]++;
            }
        }
    }

    private static List<String> directories(Map<String, int[]> dirCounts) {
        TreeSet<String> chosen = new TreeSet<>();
        Map<String, List<Map.Entry<String, int[]>>> children = new HashMap<>();
        for (Map.Entry<String, int[]> entry : dirCounts.entrySet()) {
            String dir = entry.getKey();
            int slash = dir.lastIndexOf('/');
            if (slash < 0) {
                chosen.add(dir);
            } else {
                children.computeIfAbsent(dir.substring(0, slash), k -> new ArrayList<>()).add(entry);
            }
        }
        if (chosen.size() > MAX_DIRECTORIES / 2) {
            // a root with very many folders: keep the biggest
            List<String> biggest = new ArrayList<>(chosen);
            biggest.sort(Comparator.comparingInt((String d) -> -dirCounts.get(d)[0]).thenComparing(Comparator.naturalOrder()));
            chosen = new TreeSet<>(biggest.subList(0, MAX_DIRECTORIES / 2));
        }
        // the notable sub-folders of chosen folders, biggest first, a few per parent
        List<String> parents = new ArrayList<>(children.keySet());
        parents.sort(Comparator.naturalOrder());
        for (String parent : parents) {
            int slash = parent.indexOf('/');
            String top = slash < 0 ? parent : parent.substring(0, slash);
            if (!chosen.contains(top)) {
                continue;
            }
            List<Map.Entry<String, int[]>> kids = children.get(parent);
            kids.sort(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
            for (int i = 0; i < kids.size() && i < CHILDREN_PER_PARENT && chosen.size() < MAX_DIRECTORIES; i++) {
                chosen.add(kids.get(i).getKey());
            }
        }
        return new ArrayList<>(chosen);
    }

    private static boolean isConfig(String name) {
        if (CONFIG_NAMES.contains(name) && !LOCK_FILES.contains(name)) {
            return true;
        }
        for (String prefix : CONFIG_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return name.endsWith(".sln") || name.endsWith(".csproj");
    }

    static boolean isTestFile(String path, String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String base = name.substring(0, dot);
        String ext = name.substring(dot + 1);
        switch (ext) {
            case "java": case "kt": case "groovy": case "scala": case "cs": case "php": case "swift":
                return base.endsWith("Test") || base.endsWith("Tests") || base.endsWith("IT") || base.endsWith("Spec")
                        || base.endsWith("Suite") || (base.startsWith("Test") && base.length() > 4 && Character.isUpperCase(base.charAt(4)));
            case "js": case "ts": case "jsx": case "tsx": case "mjs": case "cjs": case "mts":
                return base.endsWith(".test") || base.endsWith(".spec") || base.endsWith(".e2e") || path.contains("__tests__/");
            case "py":
                return base.startsWith("test_") || base.endsWith("_test") || base.equals("conftest");
            case "go":
                return base.endsWith("_test");
            case "rb":
                return base.endsWith("_spec") || base.endsWith("_test");
            case "exs": case "dart": case "c": case "cc": case "cpp":
                return base.endsWith("_test") || base.startsWith("test_") || base.endsWith("_unittest");
            case "rs":
                return path.startsWith("tests/") || path.contains("/tests/");
            default:
                return false;
        }
    }

    private static boolean isEntryPoint(String name, int depth, String path) {
        if (ENTRY_NAMES_ANY_DEPTH.contains(name)) {
            return true;
        }
        if (ENTRY_NAMES_SHALLOW.contains(name)) {
            return depth <= 2;
        }
        // Spring Boot and friends: FooApplication.java
        return (name.endsWith("Application.java") || name.endsWith("Application.kt")) && name.length() > 16
                && path.contains("/main/");
    }

    private static boolean isScript(String path, String name, int depth) {
        if (depth > 2) {
            return false;
        }
        boolean shell = name.endsWith(".sh") || name.endsWith(".bash") || name.endsWith(".ps1");
        if (depth == 0) {
            return shell;
        }
        return shell && (path.startsWith("scripts/") || path.startsWith("bin/") || path.startsWith("tools/")
                || path.startsWith("script/") || path.startsWith("bench/") || path.startsWith("ci/"));
    }

    private static Map<String, Integer> sortedCounts(Map<String, int[]> counts) {
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()[0]));
        return sorted;
    }

    static String buildSystem(Set<String> rootFiles) {
        if (rootFiles.contains("pom.xml")) {
            return "maven";
        }
        if (rootFiles.contains("build.gradle") || rootFiles.contains("build.gradle.kts")
                || rootFiles.contains("settings.gradle") || rootFiles.contains("settings.gradle.kts")) {
            return "gradle";
        }
        if (rootFiles.contains("build.sbt")) {
            return "sbt";
        }
        if (rootFiles.contains("Cargo.toml")) {
            return "cargo";
        }
        if (rootFiles.contains("go.mod") || rootFiles.contains("go.work")) {
            return "go";
        }
        if (rootFiles.contains("package.json")) {
            if (rootFiles.contains("pnpm-lock.yaml") || rootFiles.contains("pnpm-workspace.yaml")) {
                return "pnpm";
            }
            if (rootFiles.contains("yarn.lock")) {
                return "yarn";
            }
            if (rootFiles.contains("bun.lockb") || rootFiles.contains("bun.lock")) {
                return "bun";
            }
            return "npm";
        }
        if (rootFiles.contains("deno.json") || rootFiles.contains("deno.jsonc")) {
            return "deno";
        }
        if (rootFiles.contains("pyproject.toml") || rootFiles.contains("setup.py") || rootFiles.contains("Pipfile")) {
            if (rootFiles.contains("poetry.lock")) {
                return "poetry";
            }
            if (rootFiles.contains("uv.lock")) {
                return "uv";
            }
            if (rootFiles.contains("Pipfile")) {
                return "pipenv";
            }
            return "pip";
        }
        if (rootFiles.contains("mix.exs")) {
            return "mix";
        }
        if (rootFiles.contains("Gemfile")) {
            return "bundler";
        }
        if (rootFiles.contains("composer.json")) {
            return "composer";
        }
        if (rootFiles.contains("pubspec.yaml")) {
            return "dart";
        }
        if (rootFiles.contains("Package.swift")) {
            return "swiftpm";
        }
        for (String name : rootFiles) {
            if (name.endsWith(".sln") || name.endsWith(".csproj") || name.endsWith(".fsproj")) {
                return "dotnet";
            }
        }
        if (rootFiles.contains("MODULE.bazel") || rootFiles.contains("WORKSPACE") || rootFiles.contains("WORKSPACE.bazel")) {
            return "bazel";
        }
        if (rootFiles.contains("CMakeLists.txt")) {
            return "cmake";
        }
        if (rootFiles.contains("meson.build")) {
            return "meson";
        }
        if (rootFiles.contains("Makefile") || rootFiles.contains("makefile") || rootFiles.contains("GNUmakefile")) {
            return "make";
        }
        if (rootFiles.contains("justfile") || rootFiles.contains("Justfile")) {
            return "just";
        }
        if (rootFiles.contains("requirements.txt")) {
            return "pip";
        }
        return null;
    }

    private static String testing(String buildSystem, RootFiles root, Set<String> rootFiles, Map<String, int[]> dirs,
                                  boolean conftest, Map<String, int[]> testLanguages) {
        String build = buildSystem == null ? "" : buildSystem;
        switch (build) {
            case "maven": case "gradle": {
                String text = root.text(build.equals("maven") ? "pom.xml"
                        : rootFiles.contains("build.gradle.kts") ? "build.gradle.kts" : "build.gradle");
                if (text.contains("testng") && !text.contains("junit")) {
                    return "testng";
                }
                if (text.contains("kotest")) {
                    return "kotest";
                }
                if (text.contains("spock")) {
                    return "spock";
                }
                return "junit";
            }
            case "sbt":
                return root.text("build.sbt").contains("munit") ? "munit" : "scalatest";
            case "cargo":
                return "cargo test";
            case "go":
                return "go test";
            case "npm": case "yarn": case "pnpm": case "bun": case "deno": {
                String js = javascriptTesting(root, rootFiles);
                if (js != null) {
                    return js;
                }
                if (build.equals("bun")) {
                    return "bun test";
                }
                if (build.equals("deno")) {
                    return "deno test";
                }
                break;
            }
            case "mix":
                return "exunit";
            case "dotnet":
                return "dotnet test";
            case "dart":
                return root.text("pubspec.yaml").contains("flutter") ? "flutter test" : "dart test";
            case "swiftpm":
                return "xctest";
            default:
                break;
        }
        if (conftest || rootFiles.contains("pytest.ini") || root.text("pyproject.toml").contains("pytest")
                || root.text("setup.cfg").contains("pytest") || root.text("tox.ini").contains("pytest")
                || root.text("requirements.txt").contains("pytest")) {
            return "pytest";
        }
        if (rootFiles.contains(".rspec") || dirs.containsKey("spec") && root.text("Gemfile").contains("rspec")) {
            return "rspec";
        }
        if (rootFiles.contains("phpunit.xml") || rootFiles.contains("phpunit.xml.dist")) {
            return "phpunit";
        }
        // no build file says: guess from the language most test files are written in
        String language = testLanguages.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, int[]> e) -> e.getValue()[0]))
                .map(Map.Entry::getKey).orElse(null);
        if (language == null) {
            return null;
        }
        switch (language) {
            case "Python": return "pytest";
            case "Go": return "go test";
            case "Rust": return "cargo test";
            case "Ruby": return "minitest";
            case "Java": case "Kotlin": return "junit";
            case "JavaScript": case "TypeScript": return "jest";
            default: return null;
        }
    }

    private static String javascriptTesting(RootFiles root, Set<String> rootFiles) {
        for (String name : rootFiles) {
            if (name.startsWith("vitest.config.")) {
                return "vitest";
            }
            if (name.startsWith("jest.config.")) {
                return "jest";
            }
        }
        JsonNode pkg = root.json("package.json");
        Set<String> deps = new HashSet<>();
        for (String field : List.of("dependencies", "devDependencies")) {
            Iterator<String> names = pkg.path(field).fieldNames();
            names.forEachRemaining(deps::add);
        }
        String testScript = pkg.path("scripts").path("test").asText("");
        for (String framework : List.of("vitest", "jest", "mocha", "ava", "jasmine", "@playwright/test", "cypress")) {
            if (deps.contains(framework) || testScript.contains(framework.replace("@playwright/test", "playwright"))) {
                return framework.equals("@playwright/test") ? "playwright" : framework;
            }
        }
        if (testScript.contains("node --test")) {
            return "node:test";
        }
        return null;
    }

    private static List<String> buildScripts(String buildSystem, RootFiles root, Set<String> rootFiles, List<String> scripts) {
        List<String> found = new ArrayList<>();
        if (rootFiles.contains("mvnw")) {
            found.add("./mvnw");
        }
        if (rootFiles.contains("gradlew")) {
            found.add("./gradlew");
        }
        if (rootFiles.contains("package.json")) {
            String runner = buildSystem != null && List.of("yarn", "pnpm", "bun").contains(buildSystem) ? buildSystem : "npm";
            Iterator<String> names = root.json("package.json").path("scripts").fieldNames();
            int n = 0;
            while (names.hasNext() && n++ < 12) {
                String name = names.next();
                found.add(name.equals("test") || name.equals("start") ? runner + " " + name : runner + " run " + name);
            }
        }
        for (String makefile : List.of("Makefile", "makefile", "GNUmakefile")) {
            if (rootFiles.contains(makefile)) {
                int n = 0;
                for (String line : root.text(makefile).split("\n")) {
                    Matcher m = MAKE_TARGET.matcher(line);
                    if (m.find() && n < 12 && !found.contains("make " + m.group(1))) {
                        found.add("make " + m.group(1));
                        n++;
                    }
                }
                break;
            }
        }
        scripts.sort(Comparator.comparingInt(ProjectLayout::countSlashes).thenComparing(Comparator.naturalOrder()));
        for (String script : scripts) {
            if (found.size() >= MAX_BUILD_SCRIPTS) {
                break;
            }
            found.add(script);
        }
        return found.subList(0, Math.min(MAX_BUILD_SCRIPTS, found.size()));
    }

    /** Small root files, read at most once each; a file that cannot be read is a warning and reads as empty. */
    private static final class RootFiles {
        private final Path root;
        private final Set<String> present;
        private final List<String> warnings;
        private final Map<String, String> texts = new HashMap<>();
        private final Map<String, JsonNode> jsons = new HashMap<>();

        RootFiles(Path root, Set<String> present, List<String> warnings) {
            this.root = root;
            this.present = present;
            this.warnings = warnings;
        }

        String text(String name) {
            return texts.computeIfAbsent(name, this::read);
        }

        JsonNode json(String name) {
            return jsons.computeIfAbsent(name, n -> {
                String text = text(n);
                if (text.isEmpty()) {
                    return Json.mapper().missingNode();
                }
                try {
                    return Json.mapper().readTree(text);
                } catch (IOException e) {
                    warnings.add(n + " is not valid JSON; its scripts and test framework were not read");
                    return Json.mapper().missingNode();
                }
            });
        }

        private String read(String name) {
            if (!present.contains(name)) {
                return "";
            }
            Path file = root.resolve(name);
            try {
                if (Files.size(file) > MAX_READ_BYTES) {
                    return "";
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                return "";
            } catch (IOException e) {
                warnings.add("cannot read " + name + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
                return "";
            }
        }
    }
}
