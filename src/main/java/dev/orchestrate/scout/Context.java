package dev.orchestrate.scout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the scout found about the codebase (SPEC §4.1), written as context.json. Serialised by
 * {@code session.Json}: every component becomes a snake_case field.
 *
 * @param discoveredAt   when the scout ran
 * @param durationMs     how long it took
 * @param root           the project root, absolute
 * @param vcs            the git state; every field null when the root is not in a git work tree
 * @param languages      file counts by language, most files first
 * @param structure      top-level and notable directories, entry points, config files
 * @param patterns       build system, test framework, test files, build scripts
 * @param hotFiles       the files changed most often in the last 200 commits, most changed first
 * @param mentionedPaths every path the tasks mention → whether it exists under the root
 * @param warnings       what the scout could not look at, in plain words
 * @param trackedPaths   the mentioned paths git tracks (a file, or a folder holding one); null outside git
 */
public record Context(
        Instant discoveredAt,
        long durationMs,
        Path root,
        Vcs vcs,
        Map<String, Integer> languages,
        Structure structure,
        Patterns patterns,
        List<HotFile> hotFiles,
        Map<String, Boolean> mentionedPaths,
        List<String> warnings,
        @JsonIgnore Set<String> trackedPaths) {

    public Context {
        Objects.requireNonNull(discoveredAt, "discoveredAt");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(vcs, "vcs");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(patterns, "patterns");
        languages = Collections.unmodifiableMap(new LinkedHashMap<>(languages));
        hotFiles = List.copyOf(hotFiles);
        mentionedPaths = Collections.unmodifiableMap(new LinkedHashMap<>(mentionedPaths));
        warnings = List.copyOf(warnings);
        trackedPaths = trackedPaths == null ? null : Set.copyOf(trackedPaths);
    }

    /** The git state of the root; all null outside a git work tree, {@code commit} null before the first commit. */
    public record Vcs(String branch, String commit, Boolean dirty) {

        public static Vcs none() {
            return new Vcs(null, null, null);
        }
    }

    public record Structure(List<String> directories, List<String> entryPoints, List<String> configFiles) {

        public Structure {
            directories = List.copyOf(directories);
            entryPoints = List.copyOf(entryPoints);
            configFiles = List.copyOf(configFiles);
        }
    }

    /**
     * @param buildSystem  {@code maven}, {@code gradle}, {@code npm}, {@code cargo}, {@code go}, {@code make}…, or null
     * @param testing      the test framework guessed ({@code junit}, {@code pytest}, {@code jest}…), or null
     * @param buildScripts commands and scripts that build or check the project ({@code npm run build}, {@code make test})
     */
    public record Patterns(String buildSystem, String testing, TestFiles testFiles, List<String> buildScripts) {

        public Patterns {
            Objects.requireNonNull(testFiles, "testFiles");
            buildScripts = List.copyOf(buildScripts);
        }
    }

    /** How many test files there are, with a few of them as examples. */
    public record TestFiles(int count, List<String> examples) {

        public TestFiles {
            examples = List.copyOf(examples);
        }
    }

    public record HotFile(String path, int modificationCount) {

        public HotFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Whether {@code path} (relative to the root) exists: the scout's answer for a path the tasks
     * mention, else a look at the file system now.
     */
    public boolean exists(String path) {
        Boolean known = mentionedPaths.get(path);
        if (known != null) {
            return known;
        }
        try {
            return Files.exists(root.resolve(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Whether the project had {@code path} before any task ran. In a git work tree: git tracks it, so
     * a run's own outputs (untracked) never change the plan; outside git only the disk can say.
     */
    public boolean existedBefore(String path) {
        return trackedPaths != null ? trackedPaths.contains(path) : exists(path);
    }

    /** One paragraph for an agent's prompt: languages, build system, test command, hot files. */
    public String summary() {
        List<String> sentences = new ArrayList<>();
        int files = languages.values().stream().mapToInt(Integer::intValue).sum();
        if (languages.isEmpty()) {
            sentences.add("Project at " + root + " with no source files recognised");
        } else {
            String top = languages.entrySet().stream().limit(4)
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            sentences.add("Project at " + root + ", mostly " + languages.keySet().iterator().next()
                    + " (" + files + " files: " + top + ")");
        }
        if (vcs.branch() != null || vcs.commit() != null) {
            sentences.add("git branch " + (vcs.branch() == null ? "(detached)" : vcs.branch())
                    + (vcs.commit() == null ? "" : " at " + vcs.commit().substring(0, Math.min(12, vcs.commit().length())))
                    + (Boolean.TRUE.equals(vcs.dirty()) ? " with uncommitted changes" : ""));
        }
        if (patterns.buildSystem() != null) {
            sentences.add("built with " + patterns.buildSystem());
        }
        String testCommand = testCommand();
        if (patterns.testing() != null || testCommand != null) {
            sentences.add("tests: " + (patterns.testing() == null ? "" : patterns.testing())
                    + (testCommand == null ? "" : (patterns.testing() == null ? "" : ", ") + "run with `" + testCommand + "`")
                    + " (" + patterns.testFiles().count() + " test files)");
        }
        if (!structure.entryPoints().isEmpty()) {
            sentences.add("entry points: " + String.join(", ", structure.entryPoints().subList(0, Math.min(3, structure.entryPoints().size()))));
        }
        if (!hotFiles.isEmpty()) {
            sentences.add("most changed recently: " + hotFiles.stream().limit(5).map(HotFile::path).collect(Collectors.joining(", ")));
        }
        return String.join("; ", sentences) + ".";
    }

    /** The usual command that runs the tests, from the build system and the test framework; null when unknown. */
    public String testCommand() {
        String build = patterns.buildSystem();
        boolean wrapper = structure.configFiles().contains("mvnw") || structure.configFiles().contains("gradlew");
        if (build != null) {
            switch (build) {
                case "maven": return wrapper ? "./mvnw test" : "mvn test";
                case "gradle": return wrapper ? "./gradlew test" : "gradle test";
                case "npm": return "npm test";
                case "yarn": return "yarn test";
                case "pnpm": return "pnpm test";
                case "bun": return "bun test";
                case "cargo": return "cargo test";
                case "go": return "go test ./...";
                case "dotnet": return "dotnet test";
                case "mix": return "mix test";
                case "sbt": return "sbt test";
                default: break;
            }
        }
        String testing = patterns.testing();
        if (testing == null) {
            return build != null && build.equals("make") && patterns.buildScripts().contains("make test") ? "make test" : null;
        }
        switch (testing) {
            case "pytest": return "pytest";
            case "unittest": return "python -m unittest";
            case "rspec": return "bundle exec rspec";
            case "phpunit": return "vendor/bin/phpunit";
            default: return build != null && build.equals("make") && patterns.buildScripts().contains("make test") ? "make test" : null;
        }
    }
}
