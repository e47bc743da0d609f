package dev.orchestrate.scout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The folders worth naming in context.json: every top-level folder (the biggest, where there are
 * very many), and the biggest sub-folders of the folders where modules, packages and commands live.
 */
final class NotableDirectories {

    static final int MAX_DIRECTORIES = 60;

    /** Folders whose sub-folders are worth naming: where modules, packages and commands live. */
    private static final Set<String> NOTABLE_PARENTS = Set.of(
            "src", "packages", "apps", "libs", "lib", "crates", "cmd", "services", "modules",
            "internal", "pkg", "app", "test", "tests", "components", "plugins", ".github");
    private static final int CHILDREN_PER_PARENT = 12;

    private final Tally files = new Tally();

    /** Counts a file in a folder under its top-level folder, and under its second and third level where those are notable. */
    void add(String path) {
        int first = path.indexOf('/');
        String top = path.substring(0, first);
        files.add(top);
        int second = path.indexOf('/', first + 1);
        if (second < 0 || !NOTABLE_PARENTS.contains(top)) {
            return;
        }
        files.add(path.substring(0, second));
        // src/main/java, src/test/kotlin: the source roots of Maven and Gradle layouts
        if (top.equals("src")) {
            int third = path.indexOf('/', second + 1);
            String middle = path.substring(first + 1, second);
            if (third > 0 && (middle.equals("main") || middle.equals("test"))) {
                files.add(path.substring(0, third));
            }
        }
    }

    /** Whether some file lies in the top-level folder {@code name}. */
    boolean hasTopLevel(String name) {
        return files.contains(name);
    }

    /** The chosen folders, in name order. */
    List<String> list() {
        TreeSet<String> chosen = new TreeSet<>();
        Map<String, List<String>> children = new HashMap<>();
        for (String dir : files.names()) {
            int slash = dir.lastIndexOf('/');
            if (slash < 0) {
                chosen.add(dir);
            } else {
                children.computeIfAbsent(dir.substring(0, slash), k -> new ArrayList<>()).add(dir);
            }
        }
        if (chosen.size() > MAX_DIRECTORIES / 2) {
            // a root with very many folders: keep the biggest
            List<String> biggest = new ArrayList<>(chosen);
            biggest.sort(files.largestFirst());
            chosen = new TreeSet<>(biggest.subList(0, MAX_DIRECTORIES / 2));
        }
        // the notable sub-folders of chosen folders, biggest first, a few per parent
        List<String> parents = new ArrayList<>(children.keySet());
        parents.sort(null);
        for (String parent : parents) {
            int slash = parent.indexOf('/');
            String top = slash < 0 ? parent : parent.substring(0, slash);
            if (!chosen.contains(top)) {
                continue;
            }
            List<String> kids = children.get(parent);
            kids.sort(files.largestFirst());
            for (int i = 0; i < kids.size() && i < CHILDREN_PER_PARENT && chosen.size() < MAX_DIRECTORIES; i++) {
                chosen.add(kids.get(i));
            }
        }
        return new ArrayList<>(chosen);
    }
}
