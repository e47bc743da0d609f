package dev.orchestrate.it;

import dev.orchestrate.worktree.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a run under {@code --isolation worktree} must leave as it was: the user's files, index, HEAD and branch. */
final class UserTree {

    private UserTree() {
    }

    /** Every file of the working tree but the session folders, and the index, HEAD and the current branch. */
    static Map<String, String> state(GitRepo repo) throws IOException {
        Map<String, String> state = new TreeMap<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(repo.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = repo.dir().relativize(file).toString();
                if (name.startsWith("parallel-session") || name.startsWith(".git/") && !name.equals(".git/index")
                        && !name.equals(".git/HEAD")) {
                    continue;
                }
                state.put(name, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        state.put("refs/heads/main", repo.git("rev-parse", "refs/heads/main").strip());
        return state;
    }

    /** The repository's worktrees, as {@code worktree <path>} lines: the main one and any others. */
    static List<String> worktrees(GitRepo repo) {
        return repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).toList();
    }
}
