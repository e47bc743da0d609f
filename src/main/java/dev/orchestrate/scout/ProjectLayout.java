package dev.orchestrate.scout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the shape of a project from the list of its files (relative, '/'-separated) and a few small
 * root files: languages, notable directories, entry points, config files, build system, tests.
 * One pass over the list; file contents are read only for a handful of root build files.
 */
final class ProjectLayout {

    static final int MAX_ENTRY_POINTS = 15;
    static final int MAX_CONFIG_FILES = 40;
    static final int MAX_TEST_EXAMPLES = 5;

    /** Shallowest first, then by name. */
    private static final Comparator<String> SHALLOW_FIRST =
            Comparator.comparingInt(ProjectLayout::depth).thenComparing(Comparator.naturalOrder());

    /** Languages, structure and patterns found. */
    record Shape(Map<String, Integer> languages, Context.Structure structure, Context.Patterns patterns) {
    }

    private ProjectLayout() {
    }

    static Shape analyse(Path root, List<String> files, List<String> warnings) {
        Tally languages = new Tally();
        NotableDirectories directories = new NotableDirectories();
        Set<String> rootFiles = new HashSet<>();
        List<String> entryPoints = new ArrayList<>();
        List<String> configs = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        List<String> testExamples = new ArrayList<>();
        Tally testLanguages = new Tally();
        int testCount = 0;
        boolean conftest = false;

        for (String path : files) {
            int slash = path.lastIndexOf('/');
            String name = slash < 0 ? path : path.substring(slash + 1);
            int depth = slash < 0 ? 0 : depth(path);
            String language = Languages.of(name);
            if (language != null) {
                languages.add(language);
            }
            if (slash < 0) {
                rootFiles.add(name);
                if (FileRoles.isConfig(name)) {
                    configs.add(name);
                }
            } else {
                directories.add(path);
                if (path.startsWith(".github/workflows/")) {
                    configs.add(path);
                }
            }
            if (FileRoles.isTest(path, name)) {
                testCount++;
                if (testExamples.size() < MAX_TEST_EXAMPLES) {
                    testExamples.add(path);
                }
                if (language != null) {
                    testLanguages.add(language);
                }
            } else if (FileRoles.isEntryPoint(name, depth, path)) {
                entryPoints.add(path);
            }
            if (FileRoles.isScript(path, name, depth)) {
                scripts.add(path);
            }
            conftest |= name.equals("conftest.py");
        }

        entryPoints.sort(SHALLOW_FIRST);
        configs.sort(Comparator.comparing((String p) -> p.contains("/")).thenComparing(Comparator.naturalOrder()));
        scripts.sort(SHALLOW_FIRST);

        RootFiles rootTexts = new RootFiles(root, rootFiles, warnings);
        String buildSystem = BuildSystems.of(rootFiles);
        String testing = TestFrameworks.of(buildSystem, rootTexts, directories, conftest, testLanguages);
        List<String> buildScripts = BuildScripts.of(buildSystem, rootTexts, scripts);

        Context.Structure structure = new Context.Structure(
                directories.list(),
                entryPoints.subList(0, Math.min(MAX_ENTRY_POINTS, entryPoints.size())),
                configs.subList(0, Math.min(MAX_CONFIG_FILES, configs.size())));
        Context.Patterns patterns = new Context.Patterns(buildSystem, testing,
                new Context.TestFiles(testCount, testExamples), buildScripts);
        return new Shape(languages.sorted(), structure, patterns);
    }

    /** The number of folders above the file. */
    private static int depth(String path) {
        int n = 0;
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            n++;
        }
        return n;
    }
}
