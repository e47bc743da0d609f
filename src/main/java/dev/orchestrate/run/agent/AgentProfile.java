package dev.orchestrate.run.agent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The coding-agent CLIs orchestrate knows by name, each with its documented unattended invocation
 * (checked against each CLI's documentation; see {@code examples/agents/README.md}).
 */
public enum AgentProfile {

    /** Claude Code headless mode; {@code -p} with no prompt argument reads the prompt from stdin. */
    CLAUDE(List.of("claude", "-p", "--output-format", "json", "--permission-mode", "acceptEdits"),
            true,
            new AgentPermissions("--permission-mode acceptEdits",
                    List.of("read any file",
                            "create and edit files in the working directory without asking",
                            "run the filesystem commands Claude counts as edits (mkdir, touch, mv, cp, …)"),
                    List.of("run any other shell command (tests, builds, git, package installs): it needs an approval, so it is refused",
                            "reach the network through tools that need approval",
                            "write protected paths (.git, Claude's own settings)"))),

    /** Codex non-interactive mode; the trailing {@code -} reads the prompt from stdin. */
    CODEX(List.of("codex", "exec", "--sandbox", "workspace-write", "--skip-git-repo-check", "-"),
            false,
            new AgentPermissions("--sandbox workspace-write",
                    List.of("read any file",
                            "edit files and run commands inside the working directory, within Codex's OS sandbox",
                            "run outside a git repository (--skip-git-repo-check)"),
                    List.of("write outside the working directory and temp folders",
                            "use the network (off in workspace-write unless the user's config turns it on)",
                            "ask for more: codex exec never stops for approval, a blocked command just fails"))),

    /** Aider scripting: one message from a file, then exit. */
    AIDER(List.of("aider", "--message-file", "{prompt_file}", "--yes-always", "--no-auto-commits", "--no-pretty",
            "--no-stream", "--no-check-update", "--no-analytics"),
            false,
            new AgentPermissions("--yes-always --no-auto-commits",
                    List.of("edit the files in its chat and add the files the task names (every confirmation is answered yes)",
                            "create new files"),
                    List.of("run the shell commands it suggests (those need an explicit yes, which --yes-always never gives)",
                            "commit (--no-auto-commits, which also stops its commits of a dirty tree)",
                            "upgrade itself mid-run (--no-check-update) or opt in to analytics (--no-analytics)"))),

    /**
     * Gemini CLI headless mode: {@code -p} forces non-interactive mode; {@code --skip-trust} because headless
     * gemini refuses (exit 55) a folder nobody trusted interactively, which is every CI runner and fresh checkout,
     * and turns {@code auto_edit} back into {@code default} there.
     */
    GEMINI(List.of("gemini", "-p", "{prompt}", "--output-format", "json", "--approval-mode", "auto_edit", "--skip-trust"),
            true,
            new AgentPermissions("--approval-mode auto_edit --skip-trust",
                    List.of("read files", "create and edit files (write_file, replace) without asking",
                            "run in a folder nobody trusted interactively (--skip-trust: a CI runner, a fresh checkout)"),
                    List.of("run shell commands: they need an approval, which headless mode turns into a refusal",
                            "run sandboxed, unless you add --sandbox to a command line of your own")));

    private final List<String> template;
    private final boolean printsJsonResult;
    private final AgentPermissions permissions;

    AgentProfile(List<String> template, boolean printsJsonResult, AgentPermissions permissions) {
        this.template = template;
        this.printsJsonResult = printsJsonResult;
        this.permissions = permissions;
    }

    /** The name given to {@code --agent}: {@code claude}, {@code codex}, {@code aider}, {@code gemini}. */
    public String profileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The argv template, placeholders included. */
    public List<String> template() {
        return template;
    }

    /** Whether the CLI prints a JSON result on stdout; when it prints none, the attempt failed ({@code no_result}). */
    public boolean printsJsonResult() {
        return printsJsonResult;
    }

    public AgentPermissions permissions() {
        return permissions;
    }

    public static Optional<AgentProfile> named(String name) {
        for (AgentProfile profile : values()) {
            if (profile.profileName().equals(name)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
