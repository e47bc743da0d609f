package dev.orchestrate.worktree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-task cost of {@code --isolation worktree} on a repository: create the worktree, commit a
 * one-file change, merge it onto the integration branch, remove the worktree; N rounds, one after
 * another, on the integration branch of a fresh session. Run by {@code bench/isolation.sh}.
 *
 * <p>Arguments: the repository (a clone: the rounds add an integration branch to it), rounds.
 */
public final class WorktreeBench {

    private WorktreeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Long> create = new ArrayList<>();
        List<Long> commit = new ArrayList<>();
        List<Long> merge = new ArrayList<>();
        List<Long> remove = new ArrayList<>();
        long start = System.nanoTime();
        Integration integration = Integration.open(repo, Instant.now(), List.of());
        try {
            for (int i = 1; i <= rounds; i++) {
                String id = String.format(Locale.ROOT, "B%03d", i);
                long t0 = System.nanoTime();
                Worktree worktree = integration.create(id, 1);
                long t1 = System.nanoTime();
                Files.writeString(worktree.root().resolve("bench-" + id + ".txt"), id + "\n");
                Change change = integration.commit(worktree, id + ": bench");
                long t2 = System.nanoTime();
                MergeResult merged = integration.merge(change, id + ": bench", Optional.empty());
                long t3 = System.nanoTime();
                integration.remove(worktree);
                long t4 = System.nanoTime();
                if (!(merged instanceof MergeResult.Merged)) {
                    throw new IllegalStateException(id + " did not merge: " + merged);
                }
                create.add(t1 - t0);
                commit.add(t2 - t1);
                merge.add(t3 - t2);
                remove.add(t4 - t3);
            }
            System.out.printf(Locale.ROOT, "repository %s: %d tracked files, %d rounds (merged onto %s)%n", repo,
                    new Repository(repo, java.util.Map.of()).output("ls-files").lines().count(), rounds, integration.branch());
        } finally {
            integration.close(); // waits for removals still under way
        }
        long wall = System.nanoTime() - start;
        print("create", create);
        print("commit", commit);
        print("merge", merge);
        print("remove", remove);
        List<Long> total = new ArrayList<>();
        for (int i = 0; i < create.size(); i++) {
            total.add(create.get(i) + commit.get(i) + merge.get(i) + remove.get(i));
        }
        print("total", total);
        System.out.printf(Locale.ROOT, "wall    %6.1f ms per task (%d rounds one after another, open and close included)%n",
                wall / 1e6 / rounds, rounds);
    }

    private static void print(String step, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-7s median %6.1f ms   p90 %6.1f ms   best %6.1f ms%n", step,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.9)) / 1e6, sorted.get(0) / 1e6);
    }
}
