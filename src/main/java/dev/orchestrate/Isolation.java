package dev.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.event.Terminal;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.run.IsolatedExecutor;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskExecutor;
import dev.orchestrate.run.VerifyingExecutor;
import dev.orchestrate.session.Json;
import dev.orchestrate.session.Session;
import dev.orchestrate.worktree.GitException;
import dev.orchestrate.worktree.Integration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks and, under {@code --isolation worktree}, the integration of one run (issue 14): wraps
 * the executors, and at the end names the integration branch, its commits, what was kept and how
 * to take it, in the console and in {@code integration.json}.
 */
final class Isolation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Isolation.class);

    private final IsolationRequest request;
    private final Session session;
    private final Terminal terminal;
    private final Duration killGrace;
    private final Optional<Integration> integration;
    private IsolatedExecutor isolated;

    private Isolation(IsolationRequest request, Session session, Terminal terminal, Duration killGrace,
                      Optional<Integration> integration) {
        this.request = request;
        this.session = session;
        this.terminal = terminal;
        this.killGrace = killGrace;
        this.integration = integration;
    }

    /**
     * Opens the integration branch when the request asks for worktrees, after cleaning what earlier
     * runs left; says so in a line or two.
     *
     * @param resumedFrom the earlier session {@code --resume} continues: under isolation its
     *                    integration branch is continued, so the tasks it completed are there
     * @throws OrchestrateException (usage) when the root is not in a git work tree with a commit, or
     *                              the integration branch to continue is gone
     */
    static Isolation start(IsolationRequest request, Optional<Path> resumedFrom, Path root, Session session, Clock clock,
                           Terminal terminal, Duration killGrace) {
        Optional<Integration.Continuation> earlier = resumedFrom.flatMap(Isolation::integrationOf);
        if (!request.worktree()) {
            earlier.ifPresent(e -> terminal.line("Note: the earlier session merged its tasks onto " + e.branch()
                    + ", not into this tree; without --isolation worktree the resumed tasks do not see them (git merge "
                    + e.branch() + " first)"));
            return new Isolation(request, session, terminal, killGrace, Optional.empty());
        }
        if (resumedFrom.isPresent() && earlier.isEmpty()) {
            terminal.line("Note: the earlier session ran without --isolation worktree; the tasks start from HEAD, and what it"
                    + " changed is wherever it left it");
        }
        Integration integration;
        try {
            integration = Integration.open(root, clock.instant(), List.of(session.dir()), earlier);
        } catch (GitException e) {
            throw new OrchestrateException(ExitCode.USAGE, e.getMessage());
        }
        if (!integration.cleaned().isEmpty()) {
            terminal.line("Cleaned " + integration.cleaned().size() + " orchestrate worktree"
                    + (integration.cleaned().size() == 1 ? "" : "s") + " left by earlier runs: " + String.join(", ", integration.cleaned()));
        }
        integration.dirtyNote().ifPresent(terminal::line);
        terminal.line("Isolation: each task runs in its own worktree; results are merged onto " + integration.branch()
                + integration.continued().map(c -> " (continuing " + c.branch() + " at " + integration.start().substring(0, 7) + ")")
                        .orElse(" (from " + integration.base().substring(0, 7) + ")"));
        Isolation isolation = new Isolation(request, session, terminal, killGrace, Optional.of(integration));
        isolation.write(integration, integration.commits(), List.of(), null); // names the branch even if the run is killed
        return isolation;
    }

    /** The integration branch an earlier session recorded in its integration.json, and where its work started. */
    private static Optional<Integration.Continuation> integrationOf(Path sessionDir) {
        Path file = sessionDir.resolve("integration.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = Json.mapper().readTree(file.toFile());
            String branch = doc.path("branch").asText("");
            String base = doc.path("base").asText("");
            return branch.isEmpty() || base.isEmpty() ? Optional.empty() : Optional.of(new Integration.Continuation(branch, base));
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** The executor with the checks, and with a worktree per attempt under isolation. */
    TaskExecutor wrap(TaskExecutor executor) {
        TaskExecutor checked = new VerifyingExecutor(executor, request.verify(), killGrace);
        if (integration.isEmpty()) {
            return checked;
        }
        isolated = new IsolatedExecutor(checked, integration.get(), request.setup(), request.verifyMerged(), killGrace);
        return isolated;
    }

    /** After the run: the integration branch, its commits, the worktrees kept, {@code --apply}. */
    void report(RunResult result) {
        if (integration.isEmpty()) {
            return;
        }
        Integration git = integration.get();
        try {
            if (isolated != null) {
                isolated.finish();
            }
            List<Integration.Commit> commits = git.commits();
            terminal.line("Integration branch " + git.branch() + ": " + commits.size() + " commit" + (commits.size() == 1 ? "" : "s")
                    + " on " + git.base().substring(0, 7));
            commits.forEach(c -> terminal.line("  " + c.shortOid() + " " + c.subject()));
            List<String> unchanged = isolated == null ? List.of()
                    : result.tasks().keySet().stream().filter(isolated.unchanged()::contains).toList();
            if (!unchanged.isEmpty()) {
                terminal.line("  Changed nothing (no commit): " + String.join(", ", unchanged));
            }
            for (Integration.Kept kept : git.kept()) {
                terminal.line("  Kept worktree of " + kept.taskId() + " attempt " + kept.attempt() + " (" + kept.reason() + "): " + kept.dir());
            }
            String apply = null;
            if (request.apply()) {
                apply = git.apply();
                terminal.line(apply);
            } else if (!commits.isEmpty()) {
                terminal.line("Take it with: git merge " + git.branch());
            }
            write(git, commits, unchanged, apply);
        } catch (RuntimeException e) { // GitException among them
            LOG.error("cannot report the integration branch", e);
            terminal.error("orchestrate: cannot read the integration branch " + git.branch() + ": " + e.getMessage());
        }
    }

    private void write(Integration git, List<Integration.Commit> commits, List<String> unchanged, String apply) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("branch", git.branch());
        doc.put("base", git.base());
        git.continued().ifPresent(c -> doc.put("continues", c.branch()));
        doc.put("tip", git.tip());
        List<Map<String, String>> listed = new ArrayList<>();
        for (Integration.Commit c : commits) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("commit", c.oid());
            entry.put("subject", c.subject());
            listed.add(entry);
        }
        doc.put("commits", listed);
        doc.put("unchanged", unchanged);
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Integration.Kept k : git.kept()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("task", k.taskId());
            entry.put("attempt", k.attempt());
            entry.put("worktree", k.dir().toString());
            entry.put("branch", k.branch());
            entry.put("reason", k.reason());
            kept.add(entry);
        }
        doc.put("kept_worktrees", kept);
        doc.put("apply", apply);
        session.writeJson("integration.json", doc);
    }

    @Override
    public void close() {
        integration.ifPresent(Integration::close);
    }
}
