package dev.orchestrate.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlTest {

    @ParameterizedTest
    @ValueSource(strings = {"2.1", "1.10", "010", "0x1f", "1e3", "yes", "No", "on", "OFF", "null", "~", "true", "1:30",
            "-w", "--only", "a: b", "a #b", "ends:", " lead", "trail ", "'q'", "\"dq\"", "${{ matrix.task }}",
            "${{ !cancelled() }}", "!cancelled", "*star", "&anchor", "[list]", "{map}", "@at", "%pct", "`tick`", "",
            "tab\there", "T001: Make the data", "héllo – 日本語 ✓", "back\\slash", "- item", "? key", "| pipe", "> fold"})
    void everyStringReadsBackAsTheSameString(String text) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(text.isEmpty() ? "empty" : text, text);
        doc.put("list", List.of(text, Map.of("k", text)));
        JsonNode read = Pipelines.read(Yaml.document(List.of("a comment"), doc));
        assertThat(read.path(text.isEmpty() ? "empty" : text).isTextual()).as(Yaml.document(List.of(), doc)).isTrue();
        assertThat(read.path(text.isEmpty() ? "empty" : text).asText()).isEqualTo(text);
        assertThat(read.path("list").get(0).asText()).isEqualTo(text);
        assertThat(read.path("list").get(1).path("k").asText()).isEqualTo(text);
    }

    @Property(tries = 300)
    void anyStringReadsBackTheSame(@ForAll String text) {
        Assume.that(text.chars().noneMatch(c -> Character.isSurrogate((char) c))); // no YAML (nor UTF-8) holds half a character
        Map<String, Object> doc = Map.of("key", text, "script", text + "\nsecond line\n");
        JsonNode read = Pipelines.read(Yaml.document(List.of(), doc));
        assertThat(read.path("key").asText()).isEqualTo(text);
        assertThat(read.path("script").asText()).isEqualTo(text + "\nsecond line\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo one\necho two\n", "  indented first\nline\n", "no final newline\nhere", "a\n\nblank line kept\n"})
    void scriptsAreLiteralBlocksThatKeepEveryLine(String script) {
        String yaml = Yaml.document(List.of(), Map.of("run", script));
        assertThat(yaml).startsWith("run: |");
        assertThat(Pipelines.read(yaml).path("run").asText()).isEqualTo(script);
    }

    @org.junit.jupiter.api.Test
    void plainWordsStayPlainForTheReader() {
        String yaml = Yaml.document(List.of(), Map.of("runs-on", "ubuntu-latest", "if", "${{ always() }}", "count", 3, "b", false));
        assertThat(yaml).contains("runs-on: ubuntu-latest", "if: ${{ always() }}", "count: 3", "b: false");
    }
}
