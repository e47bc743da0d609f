package dev.orchestrate.scout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Names the test framework: from the build system and its build file, else from root files, else from the tests' language. */
final class TestFrameworks {

    /** JavaScript frameworks in the order they are looked for among the dependencies and the test script. */
    private static final List<String> JAVASCRIPT = List.of("vitest", "jest", "mocha", "ava", "jasmine", "@playwright/test", "cypress");

    /** The usual framework of the language most test files are written in, when no build file says. */
    private static final Map<String, String> BY_TEST_LANGUAGE = Map.of(
            "Python", "pytest",
            "Go", "go test",
            "Rust", "cargo test",
            "Ruby", "minitest",
            "Java", "junit",
            "Kotlin", "junit",
            "JavaScript", "jest",
            "TypeScript", "jest");

    private TestFrameworks() {
    }

    /** The framework, or null; {@code conftest} says a conftest.py was found anywhere. */
    static String of(String buildSystem, RootFiles root, NotableDirectories dirs, boolean conftest, Tally testLanguages) {
        String fromBuild = fromBuildSystem(buildSystem == null ? "" : buildSystem, root);
        if (fromBuild != null) {
            return fromBuild;
        }
        if (conftest || root.has("pytest.ini") || root.text("pyproject.toml").contains("pytest")
                || root.text("setup.cfg").contains("pytest") || root.text("tox.ini").contains("pytest")
                || root.text("requirements.txt").contains("pytest")) {
            return "pytest";
        }
        if (root.has(".rspec") || dirs.hasTopLevel("spec") && root.text("Gemfile").contains("rspec")) {
            return "rspec";
        }
        if (root.has("phpunit.xml") || root.has("phpunit.xml.dist")) {
            return "phpunit";
        }
        return testLanguages.largest().map(BY_TEST_LANGUAGE::get).orElse(null);
    }

    private static String fromBuildSystem(String build, RootFiles root) {
        switch (build) {
            case "maven": case "gradle": {
                String text = root.text(build.equals("maven") ? "pom.xml"
                        : root.has("build.gradle.kts") ? "build.gradle.kts" : "build.gradle");
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
                String js = javascript(root);
                if (js != null) {
                    return js;
                }
                if (build.equals("bun")) {
                    return "bun test";
                }
                if (build.equals("deno")) {
                    return "deno test";
                }
                return null;
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
                return null;
        }
    }

    private static String javascript(RootFiles root) {
        for (String name : root.names()) {
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
        for (String framework : JAVASCRIPT) {
            if (deps.contains(framework) || testScript.contains(framework.replace("@playwright/test", "playwright"))) {
                return framework.equals("@playwright/test") ? "playwright" : framework;
            }
        }
        if (testScript.contains("node --test")) {
            return "node:test";
        }
        return null;
    }
}
