package dev.orchestrate.run.agent;

import dev.orchestrate.run.Execution;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an agent attempt ended (SPEC §6). It succeeded when the agent exited 0 and its JSON result,
 * where it printed one, is not an error; a profile that promises a JSON result and printed none
 * failed ({@code no_result}). A failure is classified from the exit, the result and the last lines
 * of the attempt's output.
 *
 * @param failure why it failed; empty on success
 * @param detail  one line about the ending: {@code exit 1: API Error: 429 …}, {@code timeout after 30m}
 * @param usage   cost, turns, tokens and session id, as far as the agent reported them
 * @param result  the JSON result the agent printed, if any
 * @param retryAt for a rate limit, when the provider said it will serve again, if it said
 */
public record AgentOutcome(Optional<FailureClass> failure, String detail, AgentUsage usage, Optional<AgentResult> result,
                           Optional<Instant> retryAt) {

    private static final Logger LOG = LoggerFactory.getLogger(AgentOutcome.class);

    /** At most this much of the end of an attempt's output is read: a result is the last thing an agent prints. */
    static final int MAX_READ_BYTES = 4 * 1024 * 1024;
    /** The "stderr tail" searched for rate-limit and login texts. */
    static final int TAIL_CHARS = 4_000;
    private static final int MAX_DETAIL = 240;

    /** Gemini CLI's documented exit code for "turn limit exceeded". */
    static final int GEMINI_TURN_LIMIT_EXIT = 53;
    /** Gemini CLI's FatalAuthenticationError: no auth method set, or the login failed. */
    static final int GEMINI_AUTH_EXIT = 41;
    /** Gemini CLI's FatalSandboxError, FatalConfigError and FatalUntrustedWorkspaceError. */
    static final Set<Integer> GEMINI_CONFIG_EXITS = Set.of(44, 52, 55);

    private static final Pattern MAX_TURNS = Pattern.compile(
            "(?i)error_max_turns|max(imum)?[ _-]?turns|turn[ _-]?limit");
    private static final Pattern QUOTA = Pattern.compile("""
            (?xi)
              \\bTerminalQuotaError\\b                          # gemini: a quota it will not retry
            | \\bexhausted \\s+ your \\s+ daily \\s+ quota       # gemini: "You have exhausted your daily quota on this model."
            | \\breached \\s+ your \\s+ daily \\s+ (?:[\\w.-]+ \\s+)? quota   # gemini: "You have reached your daily gemini-2.5-pro quota limit"
            | \\binsufficient[\\s_]credits                        # gemini: INSUFFICIENT_G1_CREDITS_BALANCE, credit balance too low
            | \\bcredit \\s+ balance \\s+ is \\s+ too \\s+ low  # claude: "Credit balance is too low"
            """);
    private static final Pattern RATE_LIMIT = Pattern.compile("""
            (?xi)
              \\brate[\\s_-]?limit                                # "rate limit", rate_limit_error, RateLimitError, "rate limited you"
            | \\btoo \\s+ many \\s+ requests\\b
            | \\boverloaded
            | \\busage \\s+ limit                               # codex: "You've hit your usage limit"; claude: "usage limit reached|…"
            | \\bhit \\s+ your \\s+ (?:session \\s+ |weekly \\s+ |opus \\s+ )?limit   # claude: "You've hit your session limit · resets 3pm"
            | \\bRetryableQuotaError\\b                         # gemini: a quota it retried until it gave up
            | \\bquota\\b .{0,40} \\b(?:exceeded|exhausted)     # "quota exceeded", "exceeded your current quota"
            | \\bexceeded \\s+ your \\s+ current \\s+ quota
            | \\bresource[\\s_]exhausted\\b
            | \\b(?:error|status|code|http|api)\\W{0,20}(?:429|529)\\b   # "API Error: 429", "status code 429", "code": 429
            | \\b(?:429|529)\\W{0,5}(?:too \\s+ many|rate|quota|resource|overloaded)
            """);
    private static final Pattern AUTH = Pattern.compile("""
            (?xi)
              \\binvalid[\\s_-]?(?:x-)?api[\\s_-]?key
            | \\bapi[\\s_-]?key\\b.{0,20}\\b(?:not \\s+ valid|invalid|missing|not \\s+ set|not \\s+ found|expired)
            | \\bincorrect \\s+ api \\s+ key
            | \\bnot \\s+ logged \\s+ in\\b                      # claude: "Not logged in · Please run /login"; codex login status
            | please \\s+ run \\s+ /login
            | \\blog \\s? in \\s+ required\\b
            | \\bauthentication[\\s_](?:error|failed|required)
            | \\bfailed \\s+ to \\s+ authenticate
            | \\bnot \\s+ able \\s+ to \\s+ authenticate \\s+ you   # aider: "The API provider is not able to authenticate you."
            | \\bplease \\s+ set \\s+ an \\s+ auth \\s+ method   # gemini exit 41: "Please set an Auth method in your …settings.json"
            | \\bno \\s+ api \\s+ keys? \\s+ (?:were \\s+)? provided   # aider: "No LLM model was specified and no API keys were provided."
            | \\bmissing \\s+ bearer                             # codex: "401 Unauthorized: Missing bearer or basic authentication"
            | \\brefresh \\s+ token \\s+ (?:was \\s+ )?(?:revoked|expired)
            | \\bunauthori[sz]ed\\b
            | \\bpermission_error\\b
            | \\b(?:oauth \\s+ )?token \\s+ (?:has \\s+ )?expired
            | \\b(?:error|status|code|http|api)\\W{0,20}(?:401|403)\\b
            | \\b(?:401|403)\\W{0,5}(?:unauthori|forbidden)
            """);
    private static final Pattern CONFIG = Pattern.compile("""
            (?xi)
              \\bnot \\s+ running \\s+ in \\s+ a \\s+ trusted \\s+ directory   # gemini exit 55
            | \\bplease \\s+ fix \\s+ the \\s+ configuration \\s+ file         # gemini exit 52
            """);
    /** What aider prints for a failure it does not exit non-zero for (its exceptions.py descriptions). */
    private static final Pattern AIDER_FAILED = Pattern.compile("""
            (?xi)
              \\bnot \\s+ able \\s+ to \\s+ authenticate \\s+ you
            | \\bno \\s+ llm \\s+ model \\s+ was \\s+ specified
            | \\bhas \\s+ rate \\s+ limited \\s+ you
            """);

    public AgentOutcome {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(retryAt, "retryAt");
    }

    public AgentOutcome(Optional<FailureClass> failure, String detail, AgentUsage usage, Optional<AgentResult> result) {
        this(failure, detail, usage, result, Optional.empty());
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** The attempt's error for {@code Attempt.error}, {@code rate_limit: exit 1: API Error: 429 …}; empty on success. */
    public Optional<String> error() {
        return failure.map(f -> f.jsonName() + ": " + detail);
    }

    /**
     * Classifies an attempt from its log.
     *
     * @param log          the task's log, where the agent's stdout and stderr were appended
     * @param attemptStart the log's size when this attempt's process started: earlier attempts are not read
     */
    public static AgentOutcome classify(AgentExit exit, Path log, long attemptStart, AgentCommand command) {
        return classify(exit, readAttempt(log, attemptStart), command);
    }

    /** Classifies an attempt from its output (stdout and stderr as they were interleaved). */
    public static AgentOutcome classify(AgentExit exit, String output, AgentCommand command) {
        return classify(exit, output, command, Instant.now(), ZoneId.systemDefault());
    }

    /**
     * Classifies an attempt from its output; {@code now} and {@code zone} place the reset time a
     * rate limit names ("resets 3pm" is the next 3 pm in the user's zone).
     */
    public static AgentOutcome classify(AgentExit exit, String rawOutput, AgentCommand command, Instant now, ZoneId zone) {
        Objects.requireNonNull(exit, "exit");
        Objects.requireNonNull(command, "command");
        String output = Ansi.strip(rawOutput);
        Optional<AgentResult> result = AgentResult.find(output);
        AgentUsage usage = result.map(AgentResult::usage).orElse(AgentUsage.NONE);

        if (exit instanceof HopelessOutput.Hopeless hopeless) {
            return failed(hopeless.failure(), oneLine(hopeless.reason()), unanswered(hopeless.failure(), usage), result);
        }
        Execution.Ending ending = ((AgentExit.Ended) exit).ending();
        if (ending instanceof Execution.Ending.TimedOut timedOut) {
            return failed(FailureClass.TIMEOUT, "timeout after " + human(timedOut.limit()), usage, result);
        }
        if (ending instanceof Execution.Ending.Silent silent) {
            return failed(FailureClass.TIMEOUT, "no output for " + human(silent.idle()), usage, result);
        }
        int code = ((Execution.Ending.Exited) ending).code();
        boolean resultFailed = result.map(AgentResult::error).orElse(false);
        String tail = tail(output);
        if (code == 0 && !resultFailed && !(isAider(command) && AIDER_FAILED.matcher(tail).find())) {
            if (result.isEmpty() && command.promisesJsonResult()) {
                return failed(FailureClass.NO_RESULT, "exit 0 without the JSON result " + command.name() + " prints", usage, result);
            }
            return new AgentOutcome(Optional.empty(), "exit 0", usage, result);
        }

        String message = result.flatMap(AgentResult::message).filter(m -> resultFailed).orElse("");
        String subtype = result.flatMap(AgentResult::subtype).filter(m -> resultFailed).orElse("");
        String evidence = subtype + "\n" + message + "\n" + tail;
        String why = oneLine(!message.isBlank() ? message : !subtype.isBlank() ? subtype : lastLine(tail));
        String detail = "exit " + code + (why.isEmpty() ? "" : ": " + why);
        OptionalInt status = result.map(AgentResult::status).orElse(OptionalInt.empty());

        FailureClass failure = failureOf(code, isGemini(command, result), subtype, message, evidence, status);
        Optional<Instant> retryAt = failure == FailureClass.RATE_LIMIT ? RetryTime.in(evidence, now, zone) : Optional.empty();
        return new AgentOutcome(Optional.of(failure), detail, unanswered(failure, usage), result, retryAt);
    }

    private static FailureClass failureOf(int code, boolean gemini, String subtype, String message, String evidence,
                                          OptionalInt status) {
        if (subtype.equals("error_max_turns") || gemini && code == GEMINI_TURN_LIMIT_EXIT
                || MAX_TURNS.matcher(subtype + "\n" + message).find()) {
            return FailureClass.MAX_TURNS;
        }
        if (gemini && code == GEMINI_AUTH_EXIT) {
            return FailureClass.AUTH;
        }
        if (gemini && GEMINI_CONFIG_EXITS.contains(code)) {
            return FailureClass.CONFIG;
        }
        if (QUOTA.matcher(evidence).find()) {
            return FailureClass.QUOTA;
        }
        if (status.isPresent() && (status.getAsInt() == 429 || status.getAsInt() == 529) || RATE_LIMIT.matcher(evidence).find()) {
            return FailureClass.RATE_LIMIT;
        }
        if (status.isPresent() && (status.getAsInt() == 401 || status.getAsInt() == 403) || AUTH.matcher(evidence).find()) {
            return FailureClass.AUTH;
        }
        if (CONFIG.matcher(evidence).find()) {
            return FailureClass.CONFIG;
        }
        return FailureClass.ERROR;
    }

    /**
     * The usage of a failure the provider never answered (no login, a limit, a refused folder):
     * the CLI still counts a turn ({@code num_turns: 1} beside "Not logged in"), but no turn was taken.
     */
    private static AgentUsage unanswered(FailureClass failure, AgentUsage usage) {
        boolean answered = usage.outputTokens().filter(tokens -> tokens > 0).isPresent()
                || usage.costUsd().filter(cost -> cost > 0).isPresent();
        boolean neverServed = failure.finalForRun() || failure == FailureClass.RATE_LIMIT;
        return neverServed && !answered ? usage.withoutTurns() : usage;
    }

    private static boolean isAider(AgentCommand command) {
        return command.profile().filter(p -> p == AgentProfile.AIDER).isPresent()
                || Path.of(command.template().get(0)).getFileName().toString().equals("aider");
    }

    /** The text of one attempt: the log from {@code attemptStart}, or its last {@link #MAX_READ_BYTES} bytes. */
    static String readAttempt(Path log, long attemptStart) {
        // java.io, not a FileChannel: a worker interrupted by a stop must still read what its agent said
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long size = file.length();
            long from = Math.max(Math.max(0, attemptStart), size - MAX_READ_BYTES);
            if (from >= size) {
                return "";
            }
            byte[] bytes = new byte[(int) (size - from)];
            file.seek(from);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (from > attemptStart) {
                int newline = text.indexOf('\n');
                text = newline < 0 ? text : text.substring(newline + 1);
            }
            return text;
        } catch (FileNotFoundException e) {
            return "";
        } catch (IOException e) {
            LOG.debug("cannot read {} to classify the attempt: {}", log, e.getMessage());
            return "";
        }
    }

    private static boolean isGemini(AgentCommand command, Optional<AgentResult> result) {
        if (command.profile().filter(p -> p == AgentProfile.GEMINI).isPresent()) {
            return true;
        }
        if (result.map(r -> r.kind() == AgentResult.Kind.GEMINI || r.kind() == AgentResult.Kind.GEMINI_STREAM).orElse(false)) {
            return true;
        }
        return Path.of(command.template().get(0)).getFileName().toString().equals("gemini");
    }

    private static AgentOutcome failed(FailureClass failure, String detail, AgentUsage usage, Optional<AgentResult> result) {
        return new AgentOutcome(Optional.of(failure), detail, usage, result, Optional.empty());
    }

    private static String tail(String output) {
        return output.length() <= TAIL_CHARS ? output : output.substring(output.length() - TAIL_CHARS);
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return "";
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 1) + "…";
    }

    /** {@code 45s}, {@code 30m}, {@code 1h30m}, {@code 1.5s}: how SPEC's lines write durations. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = duration.getSeconds();
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (h > 0) {
            text.append(h).append('h');
        }
        if (m > 0) {
            text.append(m).append('m');
        }
        if (s > 0 || text.length() == 0) {
            text.append(s).append('s');
        }
        return text.toString();
    }
}
