package dev.orchestrate.scout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The commands that build, test and run the project: wrappers, package.json scripts, make targets, shell scripts. */
final class BuildScripts {

    static final int MAX_BUILD_SCRIPTS = 30;
    private static final int PER_SOURCE = 12;
    private static final List<String> MAKEFILES = List.of("Makefile", "makefile", "GNUmakefile");
    /** Package managers that run a package.json script under their own name; the others go through npm. */
    private static final List<String> OWN_RUNNERS = List.of("yarn", "pnpm", "bun");

    /** A rule's target at the start of a makefile line; {@code :=} is an assignment, not a rule. */
    private static final Pattern MAKE_TARGET = Pattern.compile("^(?<target>[A-Za-z0-9][A-Za-z0-9_.-]*)\\s*:(?!=)");

    private BuildScripts() {
    }

    /** {@code scripts} are the shell scripts found, shallowest first; they fill what the other sources leave. */
    static List<String> of(String buildSystem, RootFiles root, List<String> scripts) {
        List<String> found = new ArrayList<>();
        if (root.has("mvnw")) {
            found.add("./mvnw");
        }
        if (root.has("gradlew")) {
            found.add("./gradlew");
        }
        if (root.has("package.json")) {
            String runner = buildSystem != null && OWN_RUNNERS.contains(buildSystem) ? buildSystem : "npm";
            Iterator<String> names = root.json("package.json").path("scripts").fieldNames();
            int n = 0;
            while (names.hasNext() && n++ < PER_SOURCE) {
                String name = names.next();
                found.add(name.equals("test") || name.equals("start") ? runner + " " + name : runner + " run " + name);
            }
        }
        MAKEFILES.stream().filter(root::has).findFirst().ifPresent(makefile -> addMakeTargets(root.text(makefile), found));
        for (String script : scripts) {
            if (found.size() >= MAX_BUILD_SCRIPTS) {
                break;
            }
            found.add(script);
        }
        return found.subList(0, Math.min(MAX_BUILD_SCRIPTS, found.size()));
    }

    private static void addMakeTargets(String makefile, List<String> found) {
        int n = 0;
        for (String line : makefile.split("\n")) {
            Matcher m = MAKE_TARGET.matcher(line);
            if (m.find() && n < PER_SOURCE && !found.contains("make " + m.group("target"))) {
                found.add("make " + m.group("target"));
                n++;
            }
        }
    }
}
