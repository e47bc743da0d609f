package dev.orchestrate.run.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the first agent task starts: can the agent run at all? Where the CLI offers a cheap way
 * to ask, it is asked, once, in the project root, with the environment the agents get:
 * <ul>
 *   <li>claude: {@code claude auth status} prints {@code {"loggedIn": false, …}} and exits 1 (0.7 s);</li>
 *   <li>codex: {@code codex login status} prints {@code Not logged in} and exits 1 (well under a second),
 *       where {@code codex exec} would loop on "Reconnecting…" for the whole time limit.</li>
 * </ul>
 * gemini and aider offer no such command (gemini fails within seconds, exit 41, which the run takes
 * as final; aider's missing key is recognised in its output). A check that cannot run, runs too
 * long or answers anything else lets the run go on: only a clear "not logged in" stops it.
 */
public final class AgentPreCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AgentPreCheck.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(20);
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final Pattern CODEX_NOT_LOGGED_IN = Pattern.compile("(?im)^\\s*not logged in\\b");

    /** Words of a command line that change how claude authenticates: its own check would not see them. */
    private static final Set<String> CLAUDE_AUTH_OPTIONS = Set.of("--settings", "--bare");
    /** Words of a command line that change codex's provider or configuration. */
    private static final Set<String> CODEX_AUTH_OPTIONS = Set.of("-c", "--config", "-p", "--profile", "--oss", "--local-provider");
    /** Keys codex exec uses without a login. */
    private static final List<String> CODEX_KEYS = List.of("CODEX_API_KEY", "OPENAI_API_KEY");

    private AgentPreCheck() {
    }

    /**
     * Why {@code command} cannot run, when its CLI says so: one line naming the login command.
     *
     * @param environment the environment the agents get
     * @param root        the project root, where the agents run
     */
    public static Optional<String> refusal(AgentCommand command, Map<String, String> environment, Path root, Duration limit) {
        Objects.requireNonNull(command, "command");
        String program = program(command);
        List<String> words = command.template();
        if (program.equals("claude") && words.stream().noneMatch(CLAUDE_AUTH_OPTIONS::contains)) {
            return ask(command, List.of(words.get(0), "auth", "status"), environment, root, limit)
                    .filter(answer -> claudeLoggedOut(answer.exit(), answer.output()))
                    .map(answer -> "claude is not logged in (claude auth status: loggedIn false): " + remedy(command, FailureClass.AUTH)
                            + "; no task was started");
        }
        if (program.equals("codex") && words.stream().noneMatch(CODEX_AUTH_OPTIONS::contains)
                && CODEX_KEYS.stream().noneMatch(key -> environment.getOrDefault(key, "").strip().length() > 0)) {
            return ask(command, List.of(words.get(0), "login", "status"), environment, root, limit)
                    .filter(answer -> codexLoggedOut(answer.exit(), answer.output()))
                    .map(answer -> "codex is not logged in (codex login status: Not logged in): " + remedy(command, FailureClass.AUTH)
                            + "; no task was started");
        }
        return Optional.empty();
    }

    /** {@code claude auth status}: exit 1 and {@code "loggedIn": false} for the Anthropic API itself. */
    static boolean claudeLoggedOut(int exit, String output) {
        if (exit == 0) {
            return false;
        }
        int brace = output.indexOf('{');
        if (brace < 0) {
            return false;
        }
        try {
            JsonNode status = MAPPER.readTree(output.substring(brace));
            return status != null && status.path("loggedIn").isBoolean() && !status.path("loggedIn").asBoolean()
                    && status.path("apiProvider").asText("firstParty").equals("firstParty");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code codex login status}: exit 1 and {@code Not logged in}. */
    static boolean codexLoggedOut(int exit, String output) {
        return exit != 0 && CODEX_NOT_LOGGED_IN.matcher(output).find();
    }

    /** What the user can do about a failure that stops the run's agent; empty when there is nothing to say. */
    public static String remedy(AgentCommand command, FailureClass failure) {
        String program = program(command);
        if (failure == FailureClass.QUOTA) {
            return "the provider's quota is used up: wait until it resets, or raise it";
        }
        if (failure == FailureClass.CONFIG) {
            return program.equals("gemini")
                    ? "check gemini's settings (~/.gemini/settings.json) and that it may run in this folder (--skip-trust)"
                    : "check " + program + "'s configuration";
        }
        if (failure != FailureClass.AUTH) {
            return "";
        }
        return switch (program) {
            case "claude" -> "log in with `claude auth login`, or set ANTHROPIC_API_KEY";
            case "codex" -> "log in with `codex login`, or set CODEX_API_KEY";
            case "gemini" -> "run `gemini` once to log in, or set GEMINI_API_KEY";
            case "aider" -> "set the API key of aider's model (ANTHROPIC_API_KEY, OPENAI_API_KEY, …) or give it --api-key";
            default -> "log " + program + " in";
        };
    }

    /** The CLI a command runs: the profile name, or the program's file name. */
    static String program(AgentCommand command) {
        return command.profile().map(AgentProfile::profileName).orElseGet(() -> {
            Path name = Path.of(command.template().get(0)).getFileName();
            return name == null ? command.template().get(0) : name.toString();
        });
    }

    private record Answer(int exit, String output) {
    }

    private static Optional<Answer> ask(AgentCommand command, List<String> argv, Map<String, String> environment, Path root,
                                        Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        AgentEnvironment.leaveParentSession(builder.environment());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.info("pre-check {} cannot start: {}", argv, e.getMessage());
            return Optional.empty();
        }
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), output), "pre-check-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("pre-check {} gave no answer within {}; going on", argv, limit);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Optional.empty();
            }
            reader.join(1000);
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            LOG.info("pre-check {}: exit {} in {} ms: {}", argv, process.exitValue(), (System.nanoTime() - started) / 1_000_000,
                    text.strip());
            return Optional.of(new Answer(process.exitValue(), text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    if (out.size() < MAX_OUTPUT) {
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // the check ended or was killed: what was read is the answer
        }
    }
}
