package dev.orchestrate.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Display width as a terminal draws it: what every cut and every padded column of the console rests on. */
class TextWidthTest {

    @Test
    void wideCharactersTakeTwoColumnsMarksAndColourNone() {
        assertThat(TextWidth.of("T001")).isEqualTo(4);
        assertThat(TextWidth.of("日本")).isEqualTo(4);
        assertThat(TextWidth.of("🚀")).isEqualTo(2);
        assertThat(TextWidth.of("e\u0301")).as("e and a combining acute").isEqualTo(1);
        assertThat(TextWidth.of("\u001b[31mred\u001b[0m")).isEqualTo(3);
        assertThat(TextWidth.of("⚠️")).as("a one-column symbol with the emoji selector counts two").isEqualTo(2);
    }

    @Test
    void aCutNeverExceedsTheWidthNorSplitsAWideCharacterOrAColourCode() {
        assertThat(TextWidth.fit("short", 10, false)).isEqualTo("short");
        assertThat(TextWidth.fit("T001: a long title", 10, false)).isEqualTo("T001: a l…");
        assertThat(TextWidth.fit("T001: a long title", 10, true)).isEqualTo("T001: a...");
        String cut = TextWidth.fit("日本語のタイトル", 7, false);
        assertThat(TextWidth.of(cut)).isLessThanOrEqualTo(7);
        assertThat(cut).isEqualTo("日本語…");
        String coloured = TextWidth.fit("\u001b[32m✓ completed by worker-1\u001b[0m", 8, false);
        assertThat(TextWidth.of(coloured)).isLessThanOrEqualTo(8);
        assertThat(coloured).startsWith("\u001b[32m").endsWith("\u001b[0m");
        assertThat(TextWidth.take("🚀🚀", 3)).isEqualTo("🚀");
    }

    @Test
    void padFillsToTheColumnCountByDisplayWidth() {
        assertThat(TextWidth.pad("⚡", 2)).isEqualTo("⚡");
        assertThat(TextWidth.pad("✓", 2)).isEqualTo("✓ ");
        assertThat(TextWidth.pad("toolong", 3)).isEqualTo("toolong");
    }
}
