package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The classifier fed what the real CLIs print, kept under {@code shapes/} in the test resources
 * (see its README for which were captured from claude 2.1.197, codex 0.171.0 and gemini 0.61.0
 * with an empty HOME, and which are built from the CLIs' sources and issue reports).
 */
class RealShapesTest {

    static final AgentCommand CLAUDE = AgentCommand.of(AgentProfile.CLAUDE);
    static final AgentCommand CODEX = AgentCommand.of(AgentProfile.CODEX);
    static final AgentCommand GEMINI = AgentCommand.of(AgentProfile.GEMINI);
    static final AgentCommand AIDER = AgentCommand.of(AgentProfile.AIDER);
    /** 10:00 in Los Angeles on 3 December 2026. */
    static final Instant NOW = ZonedDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneId.of("America/Los_Angeles")).toInstant();

    static String shape(String name) {
        try (InputStream in = RealShapesTest.class.getResourceAsStream("shapes/" + name)) {
            assertThat(in).as("fixture shapes/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AgentOutcome classify(int exit, String fixture, AgentCommand command) {
        return AgentOutcome.classify(AgentExit.exited(exit), shape(fixture), command, NOW, ZoneOffset.UTC);
    }

    @Nested
    class Claude {
        @Test
        void notLoggedInIsAuthAndTakesNoTurn() {
            AgentOutcome outcome = classify(1, "claude-not-logged-in.out", CLAUDE);
            assertThat(outcome.failure()).contains(FailureClass.AUTH);
            assertThat(outcome.detail()).isEqualTo("exit 1: Not logged in · Please run /login");
            assertThat(outcome.usage().turns()).as("num_turns 1 beside 'Not logged in' is no turn").isEmpty();
            assertThat(outcome.usage().costUsd()).contains(0.0);
        }

        @Test
        void aSessionLimitIsARateLimitUntilTheResetTimeInTheZoneItNames() {
            AgentOutcome outcome = classify(1, "claude-session-limit.out", CLAUDE);
            assertThat(outcome.failure()).contains(FailureClass.RATE_LIMIT);
            assertThat(outcome.detail()).isEqualTo("exit 1: You've hit your session limit · resets 8:30am (America/Los_Angeles)");
            assertThat(outcome.retryAt()).contains(
                    ZonedDateTime.of(2026, 12, 4, 8, 30, 0, 0, ZoneId.of("America/Los_Angeles")).toInstant());
            assertThat(outcome.usage().turns()).isEmpty();
        }

        @Test
        void theApiErrorStatusAloneMakesARateLimit() {
            String output = shape("claude-session-limit.out").replace("You've hit your session limit · resets 8:30am (America/Los_Angeles)",
                    "Something went wrong");
            AgentOutcome outcome = AgentOutcome.classify(AgentExit.exited(1), output, CLAUDE, NOW, ZoneOffset.UTC);
            assertThat(outcome.failure()).contains(FailureClass.RATE_LIMIT);
            assertThat(outcome.retryAt()).isEmpty();
        }
    }

    @Nested
    class Codex {
        @Test
        void a401AfterTheReconnectsIsAuth() {
            AgentOutcome outcome = classify(1, "codex-no-auth-401.out", CODEX);
            assertThat(outcome.failure()).contains(FailureClass.AUTH);
            assertThat(outcome.detail()).startsWith("exit 1: ERROR: unexpected status 401 Unauthorized");
        }

        @Test
        void theUsageLimitIsARateLimitUntilTheTimeItNames() {
            AgentOutcome outcome = classify(1, "codex-usage-limit.out", CODEX);
            assertThat(outcome.failure()).contains(FailureClass.RATE_LIMIT);
            assertThat(outcome.retryAt()).contains(ZonedDateTime.of(2026, 12, 3, 20, 40, 0, 0, ZoneOffset.UTC).toInstant());
        }

        @Test
        void theEndlessReconnectLoopIsRecognisedInPlainAndJsonOutput() {
            assertThat(HopelessOutput.in(shape("codex-no-network-reconnecting.out"), CODEX)).hasValueSatisfying(h -> {
                assertThat(h.failure()).isEqualTo(FailureClass.ERROR);
                assertThat(h.reason()).contains("Reconnecting... waiting for network");
            });
            assertThat(HopelessOutput.in(shape("codex-json-no-network-reconnecting.out"), AgentCommand.parse("codex exec --json -")))
                    .isPresent();
            String onlyRetries = shape("codex-no-network-reconnecting.out").lines()
                    .filter(l -> !l.contains("waiting for network")).reduce("", (a, b) -> a + b + "\n");
            assertThat(HopelessOutput.in(onlyRetries, CODEX)).as("its five bounded retries are not hopeless").isEmpty();
        }
    }

    @Nested
    class Gemini {
        @Test
        void exit41WithoutAnAuthMethodIsAuth() {
            AgentOutcome outcome = classify(41, "gemini-no-auth-exit41.out", GEMINI);
            assertThat(outcome.failure()).contains(FailureClass.AUTH);
            assertThat(outcome.detail()).startsWith("exit 41: Please set an Auth method in your /tmp/empty-home/.gemini/settings.json");
        }

        @Test
        void anUntrustedFolderIsConfigAndItsColourCodesAreGone() {
            AgentOutcome outcome = classify(55, "gemini-untrusted-exit55.out", GEMINI);
            assertThat(outcome.failure()).contains(FailureClass.CONFIG);
            assertThat(outcome.detail()).startsWith("exit 55: Gemini CLI is not running in a trusted directory.")
                    .doesNotContain("\u001B");
            assertThat(outcome.failure().orElseThrow().finalForRun()).isTrue();
        }

        @Test
        void badSettingsAreConfig() {
            AgentOutcome outcome = classify(52, "gemini-bad-settings-exit52.out", GEMINI);
            assertThat(outcome.failure()).contains(FailureClass.CONFIG);
            assertThat(outcome.detail()).isEqualTo("exit 52: Please fix the configuration file(s) and try again.");
        }

        @Test
        void theDailyQuotaIsQuotaWithOrWithoutAStatusCode() {
            // gemini exits with the HTTP status, 429, which the OS cuts to 173
            assertThat(classify(173, "gemini-daily-quota-json.out", GEMINI).failure()).contains(FailureClass.QUOTA);
            assertThat(classify(173, "gemini-daily-quota-stream.out", AgentCommand.parse("gemini -p {prompt} -o stream-json"))
                    .failure()).contains(FailureClass.QUOTA);
            assertThat(classify(1, "gemini-daily-quota-text.out", AgentCommand.parse("gemini -p {prompt}")).failure())
                    .contains(FailureClass.QUOTA);
        }

        @Test
        void aRetryableQuotaIsARateLimitForTheDelayItSuggests() {
            AgentOutcome outcome = classify(173, "gemini-retryable-quota-json.out", GEMINI);
            assertThat(outcome.failure()).contains(FailureClass.RATE_LIMIT);
            assertThat(outcome.retryAt()).contains(NOW.plus(Duration.ofSeconds(23)));
        }
    }

    @Nested
    class Aider {
        @Test
        void anAuthenticationErrorIsAuthEvenWhenAiderExitsZero() {
            assertThat(classify(0, "aider-auth-error.out", AIDER).failure()).contains(FailureClass.AUTH);
            assertThat(classify(1, "aider-auth-error.out", AIDER).failure()).contains(FailureClass.AUTH);
        }

        @Test
        void aRateLimitIsARateLimit() {
            assertThat(classify(0, "aider-rate-limit.out", AIDER).failure()).contains(FailureClass.RATE_LIMIT);
        }

        @Test
        void waitingForABrowserLoginWithoutAKeyIsHopelessAuth() {
            assertThat(HopelessOutput.in(shape("aider-no-key-oauth-wait.out"), AIDER)).hasValueSatisfying(h -> {
                assertThat(h.failure()).isEqualTo(FailureClass.AUTH);
                assertThat(h.reason()).contains("No LLM model was specified and no API keys were provided");
            });
            AgentOutcome outcome = AgentOutcome.classify(AgentExit.hopeless(FailureClass.AUTH, "no key"), "", AIDER, NOW,
                    ZoneOffset.UTC);
            assertThat(outcome.error()).contains("auth: no key");
        }
    }

    @Nested
    class PreCheck {
        @Test
        void claudeAuthStatusSaysLoggedOutInJson() {
            assertThat(AgentPreCheck.claudeLoggedOut(1, shape("claude-auth-status-logged-out.out"))).isTrue();
            assertThat(AgentPreCheck.claudeLoggedOut(0, shape("claude-auth-status-api-key.out"))).isFalse();
            assertThat(AgentPreCheck.claudeLoggedOut(1, "error: unknown command 'auth'")).as("an older claude").isFalse();
        }

        @Test
        void codexLoginStatusSaysNotLoggedIn() {
            assertThat(AgentPreCheck.codexLoggedOut(1, shape("codex-login-status-logged-out.out"))).isTrue();
            assertThat(AgentPreCheck.codexLoggedOut(0, "Logged in using ChatGPT")).isFalse();
        }
    }
}
