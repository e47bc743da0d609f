package dev.orchestrate.scout;

import java.util.List;
import java.util.Set;

/** What part a file plays in its project, told from its path and name alone: config, test, entry point, script. */
final class FileRoles {

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

    /** The folders at the root or one below it whose shell files are the project's scripts. */
    private static final List<String> SCRIPT_FOLDERS = List.of("scripts/", "bin/", "tools/", "script/", "bench/", "ci/");

    private FileRoles() {
    }

    /** A root file that configures the build, the tools or the CI (lock files are not). */
    static boolean isConfig(String name) {
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

    /** A test by the naming rule of its language's usual test framework. */
    static boolean isTest(String path, String name) {
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

    /** Where a program starts; {@code depth} is the number of folders above the file. */
    static boolean isEntryPoint(String name, int depth, String path) {
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

    /** A shell script at the root or in a scripts folder. */
    static boolean isScript(String path, String name, int depth) {
        if (depth > 2) {
            return false;
        }
        boolean shell = name.endsWith(".sh") || name.endsWith(".bash") || name.endsWith(".ps1");
        if (depth == 0) {
            return shell;
        }
        return shell && SCRIPT_FOLDERS.stream().anyMatch(path::startsWith);
    }
}
