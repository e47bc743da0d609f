package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CommandWordsTest {

    @Test
    void blanksSeparateWordsAndRunsOfBlanksCountOnce() {
        assertThat(CommandWords.split("  my-agent \t --fast\n-x  ")).containsExactly("my-agent", "--fast", "-x");
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertThat(CommandWords.split("a 'b c' 'd\\e' '$(x) `y` \"z\"'"))
                .containsExactly("a", "b c", "d\\e", "$(x) `y` \"z\"");
    }

    @Test
    void doubleQuotesKeepBlanksAndHonourOnlyTheFourBackslashEscapes() {
        assertThat(CommandWords.split("\"a b\" \"q\\\"uote\" \"back\\\\slash\" \"d\\$ollar\" \"tick\\`\" \"keep\\n\""))
                .containsExactly("a b", "q\"uote", "back\\slash", "d$ollar", "tick`", "keep\\n");
    }

    @Test
    void aBackslashOutsideQuotesKeepsTheNextCharacter() {
        assertThat(CommandWords.split("a\\ b c\\'d \\\"e\\\\")).containsExactly("a b", "c'd", "\"e\\");
    }

    @Test
    void backslashNewlineJoinsLines() {
        assertThat(CommandWords.split("agent \\\n  --fast")).containsExactly("agent", "--fast");
    }

    @Test
    void adjacentQuotedAndUnquotedPartsMakeOneWord() {
        assertThat(CommandWords.split("--model='claude sonnet'x\"y z\"")).containsExactly("--model=claude sonnetxy z");
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertThat(CommandWords.split("agent '' \"\" end")).containsExactly("agent", "", "", "end");
    }

    @Test
    void nothingIsExpanded() {
        assertThat(CommandWords.split("$HOME ~ *.txt $(date) `id` a;b a|b a&&b > out"))
                .containsExactly("$HOME", "~", "*.txt", "$(date)", "`id`", "a;b", "a|b", "a&&b", ">", "out");
    }

    @Test
    void anUnterminatedQuoteIsRefusedWithItsColumn() {
        assertThatThrownBy(() -> CommandWords.split("agent 'oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated single quote at column 7");
        assertThatThrownBy(() -> CommandWords.split("agent \"oops \\\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated double quote at column 7");
    }

    @Test
    void aTrailingBackslashIsRefused() {
        assertThatThrownBy(() -> CommandWords.split("agent \\"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing backslash");
    }

    @Property
    void anyWordsSingleQuotedTheShellWaySplitBackToThemselves(@ForAll List<String> words) {
        String line = words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        assertThat(CommandWords.split(line)).isEqualTo(words);
    }

    @Property
    void splittingNeverThrowsAnythingButIllegalArgument(@ForAll String line) {
        try {
            CommandWords.split(line);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
