package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.session.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOutcomeTest {

    static final AgentCommand CLAUDE = AgentCommand.parse("claude");
    static final AgentCommand GEMINI = AgentCommand.parse("gemini");
    static final AgentCommand CODEX = AgentCommand.parse("codex");
    static final AgentCommand CUSTOM = AgentCommand.parse("my-agent --fast");

    static final String CLAUDE_SUCCESS = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"duration_ms\":61234,"
            + "\"duration_api_ms\":58000,\"num_turns\":7,\"result\":\"Added the login form and its tests.\","
            + "\"session_id\":\"7f3c2a10-5b1e-4d7a-9c2e-1a2b3c4d5e6f\",\"total_cost_usd\":0.4123,"
            + "\"usage\":{\"input_tokens\":1234,\"cache_creation_input_tokens\":2000,\"cache_read_input_tokens\":45000,"
            + "\"output_tokens\":3456,\"server_tool_use\":{\"web_search_requests\":0}},\"permission_denials\":[]}";

    static String claudeError(String subtype, boolean isError, String result) {
        return "{\"type\":\"result\",\"subtype\":\"" + subtype + "\",\"is_error\":" + isError + ",\"num_turns\":3,"
                + (result == null ? "" : "\"result\":" + quote(result) + ",")
                + "\"session_id\":\"s-1\",\"total_cost_usd\":0.05,\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}";
    }

    static String quote(String text) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    static AgentOutcome classify(int exit, String output, AgentCommand command) {
        return AgentOutcome.classify(AgentExit.exited(exit), output, command);
    }

    @Test
    void aClaudeSuccessOnExitZeroSucceedsAndRecordsCostTurnsTokensAndSession() {
        AgentOutcome outcome = classify(0, "some progress on stderr\n" + CLAUDE_SUCCESS + "\n", CLAUDE);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.error()).isEmpty();
        assertThat(outcome.usage()).isEqualTo(new AgentUsage(Optional.of(0.4123), Optional.of(7), Optional.of(1234L),
                Optional.of(3456L), Optional.of(45000L), Optional.of(2000L), Optional.of("7f3c2a10-5b1e-4d7a-9c2e-1a2b3c4d5e6f")));
        assertThat(outcome.result().flatMap(AgentResult::message)).contains("Added the login form and its tests.");
    }

    @Test
    void isErrorTrueIsAFailureEvenOnExitZero() {
        AgentOutcome outcome = classify(0, claudeError("success", true, "Execution error: the tool crashed"), CLAUDE);

        assertThat(outcome.failure()).contains(FailureClass.ERROR);
        assertThat(outcome.error()).contains("error: exit 0: Execution error: the tool crashed");
        assertThat(outcome.usage().costUsd()).contains(0.05);
    }

    @Test
    void aSubtypeOtherThanSuccessIsAFailureEvenOnExitZero() {
        AgentOutcome outcome = classify(0, claudeError("error_during_execution", false, null), CLAUDE);
        assertThat(outcome.failure()).contains(FailureClass.ERROR);
        assertThat(outcome.detail()).isEqualTo("exit 0: error_during_execution");
    }

    @Test
    void theMaxTurnsSubtypeIsClassifiedMaxTurns() {
        assertThat(classify(0, claudeError("error_max_turns", true, null), CLAUDE).failure()).contains(FailureClass.MAX_TURNS);
        assertThat(classify(1, claudeError("error_max_turns", false, null), CLAUDE).failure()).contains(FailureClass.MAX_TURNS);
    }

    @Test
    void geminiTurnLimitExitCodeIsClassifiedMaxTurns() {
        assertThat(classify(53, "Reached max session turns for this session.\n", GEMINI).failure()).contains(FailureClass.MAX_TURNS);
        assertThat(classify(53, "whatever\n", CUSTOM).failure()).contains(FailureClass.ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}",
        "Claude AI usage limit reached|1753088400",
        "API Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
        "Request failed with status code 429",
        "429 Too Many Requests",
        "You exceeded your current quota, please check your plan and billing details. (RESOURCE_EXHAUSTED)"})
    void rateLimitTextsInAnErrorResultAreClassifiedRateLimit(String text) {
        AgentOutcome outcome = classify(1, claudeError("success", true, text), CLAUDE);
        assertThat(outcome.failure()).contains(FailureClass.RATE_LIMIT);
        assertThat(outcome.error().orElseThrow()).startsWith("rate_limit: exit 1: ");
    }

    @Test
    void aRateLimitInTheStderrTailOfAPlainCommandIsClassifiedRateLimit() {
        String output = "working on T003\n".repeat(50) + "ERROR: stream error: 429 Too Many Requests; retry later\n";
        AgentOutcome outcome = classify(1, output, CODEX);
        assertThat(outcome.failure()).contains(FailureClass.RATE_LIMIT);
        assertThat(outcome.detail()).isEqualTo("exit 1: ERROR: stream error: 429 Too Many Requests; retry later");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Invalid API key · Please run /login",
        "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}",
        "OAuth token has expired. Please obtain a new token or refresh your existing token.",
        "Error: Not logged in. Run codex login.",
        "API key not valid. Please pass a valid API key."})
    void loginAndKeyProblemsAreClassifiedAuth(String text) {
        assertThat(classify(1, claudeError("success", true, text), CLAUDE).failure()).contains(FailureClass.AUTH);
        assertThat(classify(1, "starting\n" + text + "\n", CUSTOM).failure()).contains(FailureClass.AUTH);
    }

    @Test
    void aGeminiErrorObjectIsAFailureClassifiedFromItsMessage() {
        String output = """
                {
                  "response": null,
                  "stats": {},
                  "error": {
                    "type": "ApiError",
                    "message": "[API Error: API key not valid. Please pass a valid API key.]",
                    "code": 400
                  }
                }
                """;
        AgentOutcome outcome = classify(1, output, GEMINI);
        assertThat(outcome.failure()).contains(FailureClass.AUTH);
        assertThat(outcome.result().map(AgentResult::kind)).contains(AgentResult.Kind.GEMINI);
    }

    @Test
    void aPrettyPrintedGeminiResultSucceedsAndSumsTokensOverModels() {
        String output = """
                Loaded cached credentials.
                {
                  "session_id": "g-42",
                  "response": "Done: added the form.",
                  "stats": {
                    "models": {
                      "gemini-2.5-pro": {
                        "api": { "totalRequests": 3, "totalErrors": 0, "totalLatencyMs": 5053 },
                        "tokens": { "prompt": 24939, "candidates": 20, "total": 25113, "cached": 21263, "thoughts": 154, "tool": 0 }
                      },
                      "gemini-2.5-flash": {
                        "api": { "totalRequests": 1, "totalErrors": 0, "totalLatencyMs": 800 },
                        "tokens": { "prompt": 1000, "candidates": 80, "total": 1080, "cached": 0, "thoughts": 0, "tool": 0 }
                      }
                    },
                    "tools": { "totalCalls": 1, "byName": { "write_file": { "count": 1 } } }
                  }
                }
                """;
        AgentOutcome outcome = classify(0, output, GEMINI);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.usage().inputTokens()).contains(25939L);
        assertThat(outcome.usage().outputTokens()).contains(100L);
        assertThat(outcome.usage().cacheReadTokens()).contains(21263L);
        assertThat(outcome.usage().sessionId()).contains("g-42");
    }

    @Test
    void anIndentedObjectInsideTheResultIsNotTakenForTheResult() {
        String output = """
                {
                  "response": "ok",
                  "stats": {
                    "warnings": [
                      { "error": { "message": "a tool call was retried" } },
                      {
                        "error": "rate limit hit once, retried"
                      }
                    ]
                  }
                }
                """;
        AgentOutcome outcome = classify(0, output, GEMINI);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.result().flatMap(AgentResult::message)).contains("ok");
    }

    @Test
    void inStreamJsonTheLastResultLineCounts() {
        String output = String.join("\n",
                "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s-9\",\"tools\":[\"Edit\"]}",
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"type\\\":\\\"result\\\"}\"}]}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"content\":\"ok\"}]}}",
                CLAUDE_SUCCESS,
                "");
        AgentOutcome outcome = classify(0, output, AgentCommand.parse("claude -p --output-format stream-json --verbose"));
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.usage().turns()).contains(7);
    }

    @Test
    void aGeminiStreamResultEventIsRead() {
        String output = "{\"type\":\"init\",\"timestamp\":\"t\",\"session_id\":\"g\",\"model\":\"m\"}\n"
                + "{\"type\":\"result\",\"timestamp\":\"t\",\"status\":\"error\",\"error\":{\"type\":\"FatalTurnLimitedError\","
                + "\"message\":\"Reached max session turns\"},\"stats\":{\"total_tokens\":30,\"input_tokens\":20,\"output_tokens\":10,"
                + "\"cached\":5,\"input\":15,\"duration_ms\":9,\"tool_calls\":1}}\n";
        AgentOutcome outcome = classify(0, output, AgentCommand.parse("gemini -o stream-json -p {prompt}"));
        assertThat(outcome.failure()).contains(FailureClass.MAX_TURNS);
        assertThat(outcome.usage().inputTokens()).contains(20L);
        assertThat(outcome.usage().outputTokens()).contains(10L);
    }

    @Test
    void codexJsonEventsGiveTokensAndATurnFailedIsAFailure() {
        String ok = "{\"type\":\"thread.started\",\"thread_id\":\"x\"}\n{\"type\":\"turn.started\"}\n"
                + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":24763,\"cached_input_tokens\":24448,\"output_tokens\":122}}\n";
        AgentOutcome success = classify(0, ok, AgentCommand.parse("codex exec --json -"));
        assertThat(success.succeeded()).isTrue();
        assertThat(success.usage().outputTokens()).contains(122L);
        assertThat(success.usage().cacheReadTokens()).contains(24448L);

        String failed = "{\"type\":\"turn.failed\",\"error\":{\"message\":\"stream disconnected: 429 Too Many Requests\"}}\n";
        assertThat(classify(0, failed, AgentCommand.parse("codex exec --json -")).failure()).contains(FailureClass.RATE_LIMIT);
    }

    @Test
    void aProfileThatPromisesJsonAndPrintedNoneHasNoResult() {
        AgentOutcome outcome = classify(0, "I changed the files as asked.\n", CLAUDE);
        assertThat(outcome.failure()).contains(FailureClass.NO_RESULT);
        assertThat(outcome.error()).contains("no_result: exit 0 without the JSON result claude prints");
        assertThat(classify(0, "", GEMINI).failure()).contains(FailureClass.NO_RESULT);
    }

    @Test
    void aCommandThatPromisesNothingSucceedsOnExitZeroWithPlainOutput() {
        assertThat(classify(0, "All done.\n", CUSTOM).succeeded()).isTrue();
        assertThat(classify(0, "", CODEX).succeeded()).isTrue();
    }

    @Test
    void aCustomCommandThatPrintsAClaudeStyleResultIsHeldToIt() {
        assertThat(classify(0, claudeError("success", true, "boom"), CUSTOM).failure()).contains(FailureClass.ERROR);
        assertThat(classify(0, CLAUDE_SUCCESS, CUSTOM).usage().costUsd()).contains(0.4123);
    }

    @Test
    void aNonZeroExitFailsEvenWithASuccessResultAndSaysWhatItPrintedLast() {
        AgentOutcome outcome = classify(2, CLAUDE_SUCCESS + "\nSegmentation fault (core dumped)\n", CLAUDE);
        assertThat(outcome.failure()).contains(FailureClass.ERROR);
        assertThat(outcome.detail()).isEqualTo("exit 2: Segmentation fault (core dumped)");
    }

    @Test
    void aPlainErrorSaysTheExitCodeAndTheLastLine() {
        AgentOutcome outcome = classify(1, "Traceback (most recent call last):\n  File \"x.py\"\nValueError: bad input\n\n", CUSTOM);
        assertThat(outcome.error()).contains("error: exit 1: ValueError: bad input");
        assertThat(classify(7, "", CUSTOM).error()).contains("error: exit 7");
    }

    @Test
    void numbersThatOnlyLookLikeStatusCodesAreNotTakenForThem() {
        assertThat(classify(1, "compile error in parser.c:429: expected ';'\n", CUSTOM).failure()).contains(FailureClass.ERROR);
        assertThat(classify(1, "failed at line 401 of auth_test.py\n", CUSTOM).failure()).contains(FailureClass.ERROR);
    }

    @Test
    void rateLimitWordsInASuccessfulRunChangeNothing() {
        String result = CLAUDE_SUCCESS.replace("Added the login form and its tests.", "Added rate limiting: 429 Too Many Requests on overload");
        assertThat(classify(0, result, CLAUDE).succeeded()).isTrue();
    }

    @Test
    void aTimeOutOrSilenceIsClassifiedTimeoutWithTheLimit() {
        AgentOutcome timedOut = AgentOutcome.classify(AgentExit.timedOut(Duration.ofMinutes(30)), "still working\n", CLAUDE);
        assertThat(timedOut.error()).contains("timeout: timeout after 30m");
        AgentOutcome silent = AgentOutcome.classify(AgentExit.silent(Duration.ofMinutes(10)), "", CLAUDE);
        assertThat(silent.error()).contains("timeout: no output for 10m");
        assertThat(AgentOutcome.classify(AgentExit.timedOut(Duration.ofSeconds(90)), "", CUSTOM).detail()).isEqualTo("timeout after 1m30s");
    }

    @Test
    void aLongErrorMessageIsCutToOneLine() {
        String longMessage = "first line\n" + "x".repeat(1000);
        String detail = classify(1, claudeError("success", true, longMessage), CLAUDE).detail();
        assertThat(detail).doesNotContain("\n").hasSizeLessThanOrEqualTo(250).endsWith("…");
    }

    @Test
    void onlyThisAttemptsPartOfTheLogIsRead(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("T001.log");
        Files.writeString(log, "=== attempt 1 on worker-1 ===\n" + CLAUDE_SUCCESS + "\n=== attempt 2 on worker-2 ===\n");
        long attemptStart = Files.size(log);
        Files.writeString(log, "crashed before printing anything\n", StandardOpenOption.APPEND);

        AgentOutcome outcome = AgentOutcome.classify(AgentExit.exited(0), log, attemptStart, CLAUDE);

        assertThat(outcome.failure()).contains(FailureClass.NO_RESULT);
        assertThat(AgentOutcome.classify(AgentExit.exited(0), log, 0, CLAUDE).succeeded()).isTrue();
    }

    @Test
    void aResultAfterMegabytesOfOutputIsFoundWithoutReadingTheWholeLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("T001.log");
        String noise = "{\"type\":\"assistant\",\"message\":\"" + "n".repeat(200) + "\"}\n";
        StringBuilder big = new StringBuilder();
        while (big.length() < 6 * 1024 * 1024) {
            big.append(noise);
        }
        Files.writeString(log, big + CLAUDE_SUCCESS + "\n");

        long started = System.nanoTime();
        AgentOutcome outcome = AgentOutcome.classify(AgentExit.exited(0), log, 0, CLAUDE);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.usage().turns()).contains(7);
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void aMissingLogIsNoOutput(@TempDir Path dir) {
        assertThat(AgentOutcome.classify(AgentExit.exited(0), dir.resolve("none.log"), 0, CLAUDE).failure())
                .contains(FailureClass.NO_RESULT);
        assertThat(AgentOutcome.classify(AgentExit.exited(0), dir.resolve("none.log"), 0, CUSTOM).succeeded()).isTrue();
    }

    @Test
    void usagesAddUpFigureByFigureAndKeepTheLatestSession() {
        AgentUsage first = new AgentUsage(Optional.of(0.25), Optional.of(3), Optional.of(100L), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("a"));
        AgentUsage second = new AgentUsage(Optional.of(0.5), Optional.empty(), Optional.of(50L), Optional.of(7L),
                Optional.empty(), Optional.empty(), Optional.of("b"));
        AgentUsage sum = first.plus(second);
        assertThat(sum).isEqualTo(new AgentUsage(Optional.of(0.75), Optional.of(3), Optional.of(150L), Optional.of(7L),
                Optional.empty(), Optional.empty(), Optional.of("b")));
        assertThat(AgentUsage.NONE.plus(AgentUsage.NONE).isEmpty()).isTrue();
        assertThat(first.plus(AgentUsage.NONE)).isEqualTo(first);
    }

    @Test
    void usageIsWrittenInTheSessionJsonDialect() throws Exception {
        AgentUsage usage = classify(0, CLAUDE_SUCCESS, CLAUDE).usage();
        String json = Json.mapper().writeValueAsString(usage);
        assertThat(json).isEqualTo("{\"cost_usd\":0.4123,\"turns\":7,\"input_tokens\":1234,\"output_tokens\":3456,"
                + "\"cache_read_tokens\":45000,\"cache_creation_tokens\":2000,"
                + "\"session_id\":\"7f3c2a10-5b1e-4d7a-9c2e-1a2b3c4d5e6f\"}");
        assertThat(Json.mapper().writeValueAsString(AgentUsage.NONE)).isEqualTo("{\"cost_usd\":null,\"turns\":null,"
                + "\"input_tokens\":null,\"output_tokens\":null,\"cache_read_tokens\":null,\"cache_creation_tokens\":null,"
                + "\"session_id\":null}");
        assertThat(new String(Json.mapper().writeValueAsBytes(usage), StandardCharsets.UTF_8)).doesNotContain("empty");
    }
}
