package dev.orchestrate.worktree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrationTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path dir;

    GitRepo repo;

    @BeforeEach
    void repository() throws IOException {
        assumeTrue(GitRepo.gitCanMergeInMemory(), "needs git 2.38 or later on the PATH");
        repo = GitRepo.create(dir.resolve("project"), "shared.txt", "one\ntwo\n", ".gitignore", "parallel-session/\n.env\n");
    }

    private Path gitDir() throws IOException {
        return repo.dir().resolve(".git").toRealPath();
    }

    private Integration open() {
        return Integration.open(repo.dir(), NOW, List.of(repo.dir().resolve("parallel-session")));
    }

    @Test
    void anIntegrationBranchStartsAtHeadWithoutTouchingTheCurrentBranch() {
        String head = repo.head();
        try (Integration integration = open()) {
            assertThat(integration.branch()).isEqualTo("orchestrate/20261203-080000");
            assertThat(integration.tip()).isEqualTo(head);
            assertThat(repo.git("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
        }
    }

    @Test
    void aFolderOutsideAGitWorkTreeIsRefusedInOneLine() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> Integration.open(plain, NOW, List.of()))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("needs a git work tree")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSecondRunInTheSameSecondGetsItsOwnBranch() {
        try (Integration first = open(); Integration second = open()) {
            assertThat(second.branch()).isNotEqualTo(first.branch());
        }
    }

    @Nested
    class Merging {

        @Test
        void anAttemptsChangeBecomesOneCommitOnTheIntegrationBranchNamedByItsTask() throws IOException {
            Worktree removed;
            try (Integration integration = open()) {
                Worktree worktree = integration.create("T001", 1);
                assertThat(worktree.dir().startsWith(gitDir())).as("under .git, outside the working tree").isTrue();
                Files.writeString(worktree.root().resolve("a.txt"), "alpha\n");
                Change change = integration.commit(worktree, "T001: Add alpha");
                assertThat(change.paths()).containsExactly("a.txt");

                MergeResult merged = integration.merge(change, "T001: Add alpha", Optional.empty());
                integration.remove(worktree);

                assertThat(merged).isInstanceOf(MergeResult.Merged.class);
                assertThat(integration.commits()).extracting(Integration.Commit::subject).containsExactly("T001: Add alpha");
                assertThat(repo.git("show", integration.branch() + ":a.txt")).isEqualTo("alpha\n");
                assertThat(worktree.dir()).doesNotExist();
                assertThat(repo.dir().resolve("a.txt")).doesNotExist();
                removed = worktree;
            }
            assertThat(repo.git("worktree", "list")).doesNotContain(removed.dir().toString());
            assertThat(repo.git("branch", "--list", removed.branch())).isBlank();
            assertThat(removed.dir().getParent()).doesNotExist();
        }

        @Test
        void twoChangesToOneFileFromTheSameTipConflictNamingThePathAndTheRetryFromTheNewTipMerges() throws IOException {
            try (Integration integration = open()) {
                Worktree first = integration.create("T001", 1);
                Worktree second = integration.create("T002", 1);
                Files.writeString(first.root().resolve("shared.txt"), "one\ntwo\nfrom T001\n");
                Files.writeString(second.root().resolve("shared.txt"), "one\ntwo\nfrom T002\n");
                assertThat(integration.merge(integration.commit(first, "T001: a"), "T001: a", Optional.empty()))
                        .isInstanceOf(MergeResult.Merged.class);

                MergeResult conflict = integration.merge(integration.commit(second, "T002: b"), "T002: b", Optional.empty());
                assertThat(conflict).isEqualTo(new MergeResult.Conflicted(List.of("shared.txt")));

                Worktree retry = integration.create("T002", 2);
                assertThat(Files.readString(retry.root().resolve("shared.txt"))).contains("from T001");
                Files.writeString(retry.root().resolve("shared.txt"), "one\ntwo\nfrom T001\nfrom T002\n");
                assertThat(integration.merge(integration.commit(retry, "T002: b"), "T002: b", Optional.empty()))
                        .isInstanceOf(MergeResult.Merged.class);
                assertThat(repo.git("show", integration.branch() + ":shared.txt")).isEqualTo("one\ntwo\nfrom T001\nfrom T002\n");
                assertThat(integration.commits()).extracting(Integration.Commit::subject).containsExactly("T001: a", "T002: b");
            }
        }

        @Test
        void aConflictedAttemptThatIsKeptHoldsItsCommitOnItsBranch() throws IOException {
            try (Integration integration = open()) {
                Worktree first = integration.create("T001", 1);
                Worktree second = integration.create("T002", 1);
                Files.writeString(first.root().resolve("shared.txt"), "one\ntwo\nfrom T001\n");
                Files.writeString(second.root().resolve("shared.txt"), "one\ntwo\nfrom T002\n");
                integration.merge(integration.commit(first, "T001: a"), "T001: a", Optional.empty());
                Change change = integration.commit(second, "T002: b");
                assertThat(integration.merge(change, "T002: b", Optional.empty())).isInstanceOf(MergeResult.Conflicted.class);

                integration.keep(change, "merge conflict in shared.txt");

                assertThat(repo.git("show", second.branch() + ":shared.txt")).isEqualTo("one\ntwo\nfrom T002\n");
                assertThat(repo.git("log", "--format=%s", "-1", second.branch()).strip()).isEqualTo("T002: b");
                assertThat(integration.kept()).extracting(Integration.Kept::branch).containsExactly(second.branch());
            }
        }

        @Test
        void changesToDifferentFilesFromTheSameTipBothMerge() throws IOException {
            try (Integration integration = open()) {
                Worktree first = integration.create("T001", 1);
                Worktree second = integration.create("T002", 1);
                Files.writeString(first.root().resolve("a.txt"), "a\n");
                Files.writeString(second.root().resolve("b.txt"), "b\n");
                integration.merge(integration.commit(first, "T001: a"), "T001: a", Optional.empty());
                assertThat(integration.merge(integration.commit(second, "T002: b"), "T002: b", Optional.empty()))
                        .isInstanceOf(MergeResult.Merged.class);
                assertThat(repo.git("ls-tree", "--name-only", integration.branch())).contains("a.txt", "b.txt");
            }
        }

        @Test
        void anAttemptThatChangedNothingIsRecordedAsSuchAndMakesNoCommit() {
            try (Integration integration = open()) {
                Worktree worktree = integration.create("T001", 1);
                Change change = integration.commit(worktree, "T001: nothing");
                assertThat(change.unchanged()).isTrue();
                assertThat(integration.merge(change, "T001: nothing", Optional.empty())).isInstanceOf(MergeResult.Unchanged.class);
                assertThat(integration.commits()).isEmpty();
            }
        }

        @Test
        void aMergedTipThatFailsItsCheckIsPutBack() throws IOException {
            try (Integration integration = open()) {
                String before = integration.tip();
                Worktree worktree = integration.create("T001", 1);
                Files.writeString(worktree.root().resolve("broken.txt"), "x\n");
                List<Path> checkedIn = new ArrayList<>();
                MergeResult result = integration.merge(integration.commit(worktree, "T001: break"), "T001: break",
                        Optional.of(root -> {
                            checkedIn.add(root);
                            return Files.exists(root.resolve("broken.txt")) ? Optional.of("exit 1 (make test)") : Optional.empty();
                        }));
                assertThat(result).isEqualTo(new MergeResult.Broken("exit 1 (make test)"));
                assertThat(integration.tip()).isEqualTo(before);
                assertThat(checkedIn).singleElement().satisfies(root -> assertThat(root.startsWith(gitDir())).isTrue());
                assertThat(repo.dir().resolve("broken.txt")).doesNotExist();
            }
        }

        @RepeatedTest(20)
        void mergesFromManyThreadsAreOneAtATimeAndLoseNothing() throws Exception {
            try (Integration integration = open()) {
                ExecutorService pool = Executors.newFixedThreadPool(5);
                try {
                    List<Future<MergeResult>> results = new ArrayList<>();
                    for (int i = 1; i <= 10; i++) {
                        String id = String.format("T%03d", i);
                        results.add(pool.submit(() -> {
                            Worktree worktree = integration.create(id, 1);
                            Files.writeString(worktree.root().resolve(id + ".txt"), id + "\n");
                            MergeResult merged = integration.merge(integration.commit(worktree, id + ": file"), id + ": file", Optional.empty());
                            integration.remove(worktree);
                            return merged;
                        }));
                    }
                    for (Future<MergeResult> result : results) {
                        assertThat(result.get()).isInstanceOf(MergeResult.Merged.class);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(integration.commits()).hasSize(10);
                assertThat(repo.git("ls-tree", "--name-only", integration.branch()).lines().filter(l -> l.startsWith("T0"))).hasSize(10);
            }
        }
    }

    @Nested
    class WorktreeContents {

        @Test
        void worktreeincludeFilesAreCopiedIntoEveryNewWorktree() throws IOException {
            repo.write(".env", "SECRET=1\n");
            repo.write(".worktreeinclude", ".env\n");
            try (Integration integration = open()) {
                Worktree worktree = integration.create("T001", 1);
                assertThat(worktree.root().resolve(".env")).hasContent("SECRET=1");
            }
        }

        @Test
        void onlyGitIgnoredFilesAreCopiedSoACopiedFileIsNeverCommitted() throws IOException {
            repo.write(".env", "SECRET=1\n");
            repo.write("local.cfg", "TOKEN=2\n"); // untracked but not ignored: git add --all would commit it
            repo.write(".worktreeinclude", ".env\nlocal.cfg\n");
            try (Integration integration = open()) {
                Worktree worktree = integration.create("T001", 1);
                assertThat(worktree.root().resolve(".env")).hasContent("SECRET=1");
                assertThat(worktree.root().resolve("local.cfg")).doesNotExist();
                Files.writeString(worktree.root().resolve("a.txt"), "alpha\n");
                Change change = integration.commit(worktree, "T001: a");
                assertThat(change.paths()).containsExactly("a.txt");
            }
        }

        @Test
        void aProjectInASubfolderRunsInThatSubfolderOfTheWorktree() throws IOException {
            repo.write("app/main.txt", "m\n");
            repo.git("add", "-A");
            repo.git("commit", "-q", "-m", "app");
            try (Integration integration = Integration.open(repo.dir().resolve("app"), NOW, List.of())) {
                Worktree worktree = integration.create("T001", 1);
                assertThat(worktree.root()).isEqualTo(worktree.dir().resolve("app"));
                Files.writeString(worktree.root().resolve("new.txt"), "n\n");
                assertThat(integration.commit(worktree, "T001: n").paths()).containsExactly("new.txt");
            }
        }
    }

    @Nested
    class Cleaning {

        @Test
        void worktreesOfARunThatEndedAreRemovedByTheNextAndLeftoverWorkIsKeptOnItsBranch() throws IOException {
            Worktree left;
            Worktree clean;
            try (Integration earlier = open()) {
                left = earlier.create("T001", 1);
                clean = earlier.create("T002", 1);
                Files.writeString(left.root().resolve("half.txt"), "half done\n");
                earlier.keep(left, "stopped");
                earlier.keep(clean, "stopped");
            }
            try (Integration next = Integration.open(repo.dir(), NOW.plusSeconds(60), List.of())) {
                assertThat(next.cleaned()).hasSize(2);
                assertThat(left.dir()).doesNotExist();
                assertThat(clean.dir()).doesNotExist();
                assertThat(repo.git("worktree", "list").lines()).hasSize(1);
                assertThat(repo.git("show", left.branch() + ":half.txt")).isEqualTo("half done\n");
                assertThat(repo.git("branch", "--list", clean.branch())).isBlank();
            }
        }

        @Test
        void worktreesARunWasStillRemovingWhenItDiedGoWithTheirBranchesInTheNext() throws IOException {
            Worktree removing;
            Path trash;
            try (Integration earlier = open()) {
                removing = earlier.create("T001", 1);
                Files.writeString(removing.root().resolve("merged.txt"), "merged\n");
                // what remove() does at once; the background deletion never came (kill -9)
                trash = Files.createDirectories(earlier.folder().resolve(".removed")).resolve(removing.dir().getFileName());
                Files.move(removing.dir(), trash);
            }
            assertThat(trash).isDirectory();
            assertThat(repo.git("branch", "--list", removing.branch())).isNotBlank();

            try (Integration next = Integration.open(repo.dir(), NOW.plusSeconds(60), List.of())) {
                assertThat(trash).doesNotExist();
                assertThat(removing.dir().getParent()).doesNotExist();
                assertThat(repo.git("branch", "--list", removing.branch())).isBlank();
                assertThat(repo.git("worktree", "list").lines()).hasSize(1);
            }
        }

        @Test
        void refLocksAKilledRunsGitLeftOnItsBranchesAreRemovedAndALiveRunsAreNot() throws IOException {
            Path refs = gitDir().resolve("refs/heads/orchestrate");
            Path stale;
            try (Integration killed = open()) {
                killed.keep(killed.create("T001", 1), "stopped");
                stale = refs.resolve(killed.sessionId() + "-T002-1.lock"); // git update-ref killed half-way
                Files.writeString(stale, "0123\n");
            }
            try (Integration live = Integration.open(repo.dir(), NOW.plusSeconds(30), List.of())) {
                Path held = refs.resolve(live.sessionId() + ".lock");
                Files.writeString(held, "0123\n");
                assertThat(stale).doesNotExist();
                try (Integration next = Integration.open(repo.dir(), NOW.plusSeconds(60), List.of())) {
                    assertThat(held).as("a live run's lock").exists();
                }
                Files.delete(held);
            }
        }

        @Test
        void theWorktreesOfALiveRunAreLeftAlone() {
            try (Integration live = open()) {
                Worktree worktree = live.create("T001", 1);
                try (Integration other = Integration.open(repo.dir(), NOW.plusSeconds(60), List.of())) {
                    assertThat(other.cleaned()).isEmpty();
                    assertThat(worktree.dir()).isDirectory();
                }
            }
        }
    }

    @Nested
    class Applying {

        @Test
        void applyFastForwardsTheCurrentBranchWhenItHasNotMoved() throws IOException {
            try (Integration integration = open()) {
                Worktree worktree = integration.create("T001", 1);
                Files.writeString(worktree.root().resolve("a.txt"), "a\n");
                integration.merge(integration.commit(worktree, "T001: a"), "T001: a", Optional.empty());
                assertThat(integration.apply()).startsWith("Applied: main fast-forwarded");
                assertThat(repo.dir().resolve("a.txt")).hasContent("a");
            }
        }

        @Test
        void applySaysWhyNotWhenTheBranchMovedOrTheTreeIsDirty() throws IOException {
            try (Integration integration = open()) {
                Worktree worktree = integration.create("T001", 1);
                Files.writeString(worktree.root().resolve("a.txt"), "a\n");
                integration.merge(integration.commit(worktree, "T001: a"), "T001: a", Optional.empty());
                repo.write("shared.txt", "edited by the user\n");
                assertThat(integration.apply()).startsWith("Not applied: the working tree has uncommitted changes");
                repo.git("commit", "-q", "-am", "user's own commit");
                assertThat(integration.apply()).startsWith("Not applied: main moved during the run");
                assertThat(repo.dir().resolve("a.txt")).doesNotExist();
            }
        }
    }

    @Test
    void theWorktreePackageKnowsNothingOfRunsOrEvents() throws IOException {
        Path sources = Path.of("src/main/java/dev/orchestrate/worktree");
        assumeTrue(Files.isDirectory(sources), "run from the project folder");
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain("import dev.orchestrate.run").doesNotContain("import dev.orchestrate.event");
            }
        }
    }
}
