package dev.orchestrate.run.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JSON result an agent printed at the end of its output, in one of the shapes the CLIs print:
 * <ul>
 *   <li>Claude {@code --output-format json|stream-json}: {@code {"type":"result","subtype":…,"is_error":…,
 *       "num_turns":…,"total_cost_usd":…,"session_id":…,"usage":{…},"result":…}};</li>
 *   <li>Gemini {@code --output-format json}: {@code {"session_id"?,"response":…,"stats":{"models":{…:{"tokens":{…}}}},"error"?:{type,message,code}}},
 *       pretty-printed over many lines;</li>
 *   <li>Gemini {@code stream-json}: the last event {@code {"type":"result","status":"success|error","error"?,"stats":{…}}};</li>
 *   <li>Codex {@code exec --json}: the last {@code turn.completed} (with {@code usage}) or {@code turn.failed} event.</li>
 * </ul>
 *
 * @param error   whether the result says the run failed
 * @param subtype Claude's subtype ({@code error_max_turns}…) or Gemini's error type
 * @param message the error text, or the final answer when the result is not an error
 * @param status  the HTTP status the provider answered with, where the result names it: Claude's
 *                {@code api_error_status}, the {@code code} of a Gemini error (when it is one, not an exit code)
 */
public record AgentResult(Kind kind, boolean error, Optional<String> subtype, Optional<String> message, AgentUsage usage,
                          OptionalInt status) {

    public enum Kind { CLAUDE, GEMINI, GEMINI_STREAM, CODEX }

    /** How many JSON-looking lines, from the end, are tried before giving up: bounds the work on a huge log. */
    static final int MAX_CANDIDATES = 256;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public AgentResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(status, "status");
    }

    /** A result that names no HTTP status. */
    public AgentResult(Kind kind, boolean error, Optional<String> subtype, Optional<String> message, AgentUsage usage) {
        this(kind, error, subtype, message, usage, OptionalInt.empty());
    }

    /** The last result object in {@code output}: a JSON object whose opening brace starts a line, of a shape above. */
    public static Optional<AgentResult> find(String output) {
        char[] chars = output.toCharArray();
        int tried = 0;
        int lineEnd = chars.length;
        while (tried < MAX_CANDIDATES) {
            int lineStart = lineEnd;
            while (lineStart > 0 && chars[lineStart - 1] != '\n') {
                lineStart--;
            }
            // agents print their result at the start of a line; indented braces are nested objects
            if (lineStart < lineEnd && chars[lineStart] == '{') {
                tried++;
                Optional<AgentResult> result = parseAt(chars, lineStart);
                if (result.isPresent()) {
                    return result;
                }
            }
            if (lineStart == 0) {
                break;
            }
            lineEnd = lineStart - 1;
        }
        return Optional.empty();
    }

    private static Optional<AgentResult> parseAt(char[] chars, int offset) {
        try (JsonParser parser = MAPPER.getFactory().createParser(chars, offset, chars.length - offset)) {
            JsonNode node = MAPPER.readTree(parser);
            return node != null && node.isObject() ? from(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads a parsed object as a result, if it has the shape of one. */
    static Optional<AgentResult> from(JsonNode node) {
        String type = text(node, "type").orElse(null);
        if ("result".equals(type)) {
            return Optional.of(node.has("status") && !node.has("subtype") ? geminiStream(node) : claude(node));
        }
        if ("turn.completed".equals(type) || "turn.failed".equals(type)) {
            return Optional.of(codex(node, type));
        }
        if (type == null && (node.has("response") || node.has("stats") || node.has("error"))) {
            return Optional.of(gemini(node));
        }
        return Optional.empty();
    }

    private static AgentResult claude(JsonNode node) {
        Optional<String> subtype = text(node, "subtype");
        boolean error = node.path("is_error").asBoolean(false) || subtype.filter(s -> !s.equals("success")).isPresent();
        Optional<String> message = text(node, "result");
        if (error && message.isEmpty()) {
            JsonNode errors = node.path("errors");
            message = errors.isArray() && errors.size() > 0 ? Optional.of(errors.get(0).asText()) : subtype;
        }
        JsonNode usage = node.path("usage");
        return new AgentResult(Kind.CLAUDE, error, subtype, message, new AgentUsage(
                number(node, "total_cost_usd").map(JsonNode::asDouble),
                number(node, "num_turns").map(JsonNode::asInt),
                number(usage, "input_tokens").map(JsonNode::asLong),
                number(usage, "output_tokens").map(JsonNode::asLong),
                number(usage, "cache_read_input_tokens").map(JsonNode::asLong),
                number(usage, "cache_creation_input_tokens").map(JsonNode::asLong),
                text(node, "session_id")), httpStatus(node.path("api_error_status")));
    }

    private static AgentResult gemini(JsonNode node) {
        JsonNode error = node.path("error");
        boolean failed = error.isObject() || error.isTextual();
        Optional<String> message = failed
                ? (error.isTextual() ? Optional.of(error.asText()) : text(error, "message"))
                : text(node, "response");
        Optional<String> subtype = failed ? text(error, "type") : Optional.empty();
        Long input = null;
        Long output = null;
        Long cached = null;
        for (Iterator<JsonNode> models = node.path("stats").path("models").elements(); models.hasNext(); ) {
            JsonNode tokens = models.next().path("tokens");
            input = add(input, number(tokens, "prompt"));
            output = add(output, number(tokens, "candidates"));
            cached = add(cached, number(tokens, "cached"));
        }
        return new AgentResult(Kind.GEMINI, failed, subtype, message, new AgentUsage(Optional.empty(), Optional.empty(),
                Optional.ofNullable(input), Optional.ofNullable(output), Optional.ofNullable(cached), Optional.empty(),
                text(node, "session_id")), httpStatus(error.path("code")));
    }

    private static AgentResult geminiStream(JsonNode node) {
        boolean failed = !"success".equals(node.path("status").asText());
        JsonNode error = node.path("error");
        JsonNode stats = node.path("stats");
        return new AgentResult(Kind.GEMINI_STREAM, failed, text(error, "type"), text(error, "message"), new AgentUsage(
                Optional.empty(), Optional.empty(),
                number(stats, "input_tokens").map(JsonNode::asLong),
                number(stats, "output_tokens").map(JsonNode::asLong),
                number(stats, "cached").map(JsonNode::asLong),
                Optional.empty(), text(node, "session_id")));
    }

    private static AgentResult codex(JsonNode node, String type) {
        boolean failed = type.equals("turn.failed");
        JsonNode usage = node.path("usage");
        return new AgentResult(Kind.CODEX, failed, Optional.empty(), failed ? text(node.path("error"), "message") : Optional.empty(),
                new AgentUsage(Optional.empty(), Optional.empty(),
                        number(usage, "input_tokens").map(JsonNode::asLong),
                        number(usage, "output_tokens").map(JsonNode::asLong),
                        number(usage, "cached_input_tokens").map(JsonNode::asLong),
                        Optional.empty(), Optional.empty()));
    }

    /** A number between 100 and 599: gemini's error {@code code} is its exit code (41, 52) as often as an HTTP status. */
    private static OptionalInt httpStatus(JsonNode value) {
        return value.isInt() && value.asInt() >= 100 && value.asInt() <= 599 ? OptionalInt.of(value.asInt()) : OptionalInt.empty();
    }

    private static Long add(Long sum, Optional<JsonNode> value) {
        if (value.isEmpty()) {
            return sum;
        }
        return (sum == null ? 0 : sum) + value.get().asLong();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<JsonNode> number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? Optional.of(value) : Optional.empty();
    }
}
