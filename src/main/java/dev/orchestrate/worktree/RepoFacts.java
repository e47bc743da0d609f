package dev.orchestrate.worktree;

import static dev.orchestrate.worktree.GitFiles.splitNul;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a run learns of the repository when it opens its integration: git's version, the identity, the includes, the dirty tree. */
final class RepoFacts {

    private static final Logger LOG = LoggerFactory.getLogger(RepoFacts.class);

    private RepoFacts() {
    }

    /** The untracked files the {@code .worktreeinclude} patterns (gitignore syntax) match, git-ignored ones included. */
    static List<String> includes(Repository repo, Path topLevel) {
        Path file = topLevel.resolve(".worktreeinclude");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        // only git-ignored ones (Claude Code's rule too): a copied file git does not ignore would be committed with the task
        List<String> listed = splitNul(repo.output("ls-files", "-z", "--others", "--ignored", "--exclude-from=" + file));
        if (listed.isEmpty()) {
            return listed;
        }
        Set<String> ignored = new HashSet<>(splitNul(
                repo.output("ls-files", "-z", "--others", "--ignored", "--exclude-standard")));
        List<String> skipped = listed.stream().filter(path -> !ignored.contains(path)).toList();
        if (!skipped.isEmpty()) {
            LOG.warn(".worktreeinclude: not copying {}: git does not ignore them, so a task's commit would take them along", skipped);
        }
        return listed.stream().filter(ignored::contains).toList();
    }

    static Optional<String> dirty(Repository repo, Path topLevel, List<Path> excluded) {
        // untracked files stay behind as well, but old session folders and build output are no news
        List<String> records = splitNul(repo.output("status", "--porcelain=v1", "-z", "--untracked-files=no"));
        int changed = 0;
        for (int i = 0; i < records.size(); i++) {
            String record = records.get(i);
            if (record.length() < 4) {
                continue;
            }
            if (record.charAt(0) == 'R' || record.charAt(0) == 'C') {
                i++; // followed by the path it came from
            }
            Path path = topLevel.resolve(record.substring(3));
            if (excluded.stream().map(GitFiles::realPath).noneMatch(ex -> path.startsWith(ex) || ex.startsWith(path))) {
                changed++;
            }
        }
        return changed == 0 ? Optional.empty()
                : Optional.of("Note: the working tree has " + changed + " uncommitted change" + (changed == 1 ? "" : "s")
                        + "; they stay there, and the tasks start from HEAD without them");
    }

    /** The user's name and e-mail from git config, else orchestrate's own. */
    static Map<String, String> identity(Repository probe) {
        boolean named = probe.run("config", "user.name").ok() && probe.run("config", "user.email").ok();
        return named ? Map.of() : Integration.FALLBACK_IDENTITY;
    }

    static void requireMergeTree(Repository probe) {
        String version = probe.run("version").out().strip(); // git version 2.39.5
        String[] parts = version.replaceFirst("^git version ", "").split("[.\\s]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major < 2 || major == 2 && minor < 38) {
                throw new GitException("--isolation worktree needs git 2.38 or later (git merge-tree --write-tree); this is " + version);
            }
        } catch (NumberFormatException e) {
            LOG.debug("cannot read the git version from '{}'", version);
        }
    }
}
