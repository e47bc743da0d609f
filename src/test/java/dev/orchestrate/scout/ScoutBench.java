package dev.orchestrate.scout;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@link Scout#discover} on a folder: the first call in a fresh JVM (what a run pays), then
 * the best and median of warm calls. Used by bench/scout.sh; prints one line per folder.
 */
public final class ScoutBench {

    private ScoutBench() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ScoutBench FOLDER [WARM_RUNS]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> mentioned = List.of("README.md", "pom.xml", "src/main/java/Missing.java");

        long start = System.nanoTime();
        Context first = Scout.discover(root, mentioned);
        long firstMs = (System.nanoTime() - start) / 1_000_000;

        long[] times = new long[warm];
        for (int i = 0; i < warm; i++) {
            long t = System.nanoTime();
            Scout.discover(root, mentioned);
            times[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(times);
        int files = first.languages().values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("scout %s: first call %d ms (duration_ms %d), warm best %d ms, median %d ms"
                        + " | %d files in known languages, %d test files, %d hot files, build %s, %d warnings%n",
                root, firstMs, first.durationMs(), warm == 0 ? firstMs : times[0], warm == 0 ? firstMs : times[warm / 2],
                files, first.patterns().testFiles().count(), first.hotFiles().size(), first.patterns().buildSystem(),
                first.warnings().size());
        first.warnings().forEach(w -> System.out.println("  warning: " + w));
    }
}
