package dev.orchestrate.scout;

import java.util.List;
import java.util.Set;

/** Names the build system from the files at the project's root: the first rule one of whose markers is there. */
final class BuildSystems {

    /**
     * A build system and the root files that mark it; a marker {@code *.sln} matches by suffix.
     * The first of its variants whose marker is there names it more precisely (npm → pnpm by its lock file).
     */
    private record Rule(String system, List<String> markers, List<Rule> variants) {
        Rule(String system, String... markers) {
            this(system, List.of(markers), List.of());
        }

        Rule orVariants(Rule... variants) {
            return new Rule(system, markers, List.of(variants));
        }

        boolean matches(Set<String> rootFiles) {
            for (String marker : markers) {
                if (marker.startsWith("*")) {
                    String suffix = marker.substring(1);
                    if (rootFiles.stream().anyMatch(name -> name.endsWith(suffix))) {
                        return true;
                    }
                } else if (rootFiles.contains(marker)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("maven", "pom.xml"),
            new Rule("gradle", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"),
            new Rule("sbt", "build.sbt"),
            new Rule("cargo", "Cargo.toml"),
            new Rule("go", "go.mod", "go.work"),
            new Rule("npm", "package.json").orVariants(
                    new Rule("pnpm", "pnpm-lock.yaml", "pnpm-workspace.yaml"),
                    new Rule("yarn", "yarn.lock"),
                    new Rule("bun", "bun.lockb", "bun.lock")),
            new Rule("deno", "deno.json", "deno.jsonc"),
            new Rule("pip", "pyproject.toml", "setup.py", "Pipfile").orVariants(
                    new Rule("poetry", "poetry.lock"),
                    new Rule("uv", "uv.lock"),
                    new Rule("pipenv", "Pipfile")),
            new Rule("mix", "mix.exs"),
            new Rule("bundler", "Gemfile"),
            new Rule("composer", "composer.json"),
            new Rule("dart", "pubspec.yaml"),
            new Rule("swiftpm", "Package.swift"),
            new Rule("dotnet", "*.sln", "*.csproj", "*.fsproj"),
            new Rule("bazel", "MODULE.bazel", "WORKSPACE", "WORKSPACE.bazel"),
            new Rule("cmake", "CMakeLists.txt"),
            new Rule("meson", "meson.build"),
            new Rule("make", "Makefile", "makefile", "GNUmakefile"),
            new Rule("just", "justfile", "Justfile"),
            // a bare requirements.txt, without a pyproject.toml or setup.py
            new Rule("pip", "requirements.txt"));

    private BuildSystems() {
    }

    /** The build system, or null when no root file names one. */
    static String of(Set<String> rootFiles) {
        for (Rule rule : RULES) {
            if (rule.matches(rootFiles)) {
                return rule.variants().stream().filter(variant -> variant.matches(rootFiles))
                        .map(Rule::system).findFirst().orElse(rule.system());
            }
        }
        return null;
    }
}
