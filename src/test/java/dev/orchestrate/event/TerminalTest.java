package dev.orchestrate.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.event.Terminal.ColorMode;
import dev.orchestrate.event.Terminal.Verbosity;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    final Screen screen = new Screen();
    static final Map<String, String> XTERM = Map.of("TERM", "xterm-256color", "LANG", "en_US.UTF-8");

    private Terminal detect(ColorMode mode, Map<String, String> env, boolean tty) {
        return detect(mode, false, env, tty, StandardCharsets.UTF_8);
    }

    private Terminal detect(ColorMode mode, boolean ascii, Map<String, String> env, boolean tty, Charset charset) {
        return Terminal.detect(mode, ascii, false, Verbosity.NORMAL, env, tty, screen.outStream, screen.errStream, charset);
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    @Test
    void autoColoursOnlyATty() {
        assertThat(detect(ColorMode.AUTO, XTERM, true).color()).isTrue();
        assertThat(detect(ColorMode.AUTO, XTERM, false).color()).isFalse();
    }

    @Test
    void noColorTurnsColourOffWhateverItsValue() {
        assertThat(detect(ColorMode.AUTO, with(XTERM, "NO_COLOR", "1"), true).color()).isFalse();
        assertThat(detect(ColorMode.AUTO, with(XTERM, "NO_COLOR", ""), true).color()).isFalse();
        assertThat(detect(ColorMode.AUTO, with(XTERM, "NO_COLOR", "0"), true).color()).isFalse();
    }

    @Test
    void colorAlwaysForcesColourAndNeverForbidsIt() {
        assertThat(detect(ColorMode.ALWAYS, XTERM, false).color()).isTrue();
        assertThat(detect(ColorMode.ALWAYS, with(XTERM, "NO_COLOR", "1"), false).color())
                .as("an explicit flag wins over the environment").isTrue();
        assertThat(detect(ColorMode.NEVER, XTERM, true).color()).isFalse();
    }

    @Test
    void aDumbTerminalGetsNeitherColourNorRedraw() {
        Terminal dumb = detect(ColorMode.AUTO, with(XTERM, "TERM", "dumb"), true);

        assertThat(dumb.color()).isFalse();
        assertThat(dumb.tty()).isFalse();
    }

    @Test
    void inCiNothingIsRedrawnInPlaceEvenOnAPseudoTerminal() {
        assertThat(detect(ColorMode.AUTO, XTERM, true).tty()).isTrue();
        assertThat(detect(ColorMode.AUTO, with(XTERM, "CI", "true"), true).tty()).isFalse();
        assertThat(detect(ColorMode.AUTO, with(XTERM, "CI", "false"), true).tty()).isTrue();
    }

    @Test
    void jsonMeansNoColourNoRedrawAndNoHumanLines() {
        Terminal json = Terminal.detect(ColorMode.ALWAYS, false, true, Verbosity.NORMAL, XTERM, true,
                screen.outStream, screen.errStream, StandardCharsets.UTF_8);
        json.line("human");
        json.jsonLine("{}");

        assertThat(json.color()).isFalse();
        assertThat(json.tty()).isFalse();
        assertThat(screen.out()).isEqualTo("{}\n");
    }

    @Test
    void asciiWhenAskedOrWhenTheLocaleOrCharsetIsNotUtf8() {
        assertThat(detect(ColorMode.AUTO, false, XTERM, true, StandardCharsets.UTF_8).ascii()).isFalse();
        assertThat(detect(ColorMode.AUTO, true, XTERM, true, StandardCharsets.UTF_8).ascii()).isTrue();
        assertThat(detect(ColorMode.AUTO, false, with(XTERM, "LANG", "C"), true, StandardCharsets.UTF_8).ascii()).isTrue();
        assertThat(detect(ColorMode.AUTO, false, Map.of("LANG", "de_DE.utf8"), true, StandardCharsets.UTF_8).ascii()).isFalse();
        assertThat(detect(ColorMode.AUTO, false, XTERM, true, StandardCharsets.US_ASCII).ascii()).isTrue();
        assertThat(detect(ColorMode.AUTO, false, Map.of(), true, StandardCharsets.ISO_8859_1).ascii()).isTrue();
    }

    @Test
    void lcAllOverridesLcCtypeWhichOverridesLang() {
        Map<String, String> env = Map.of("LANG", "en_US.UTF-8", "LC_CTYPE", "en_US.ISO-8859-1");
        assertThat(detect(ColorMode.AUTO, false, env, true, StandardCharsets.UTF_8).ascii()).isTrue();
        assertThat(detect(ColorMode.AUTO, false, with(env, "LC_ALL", "C.UTF-8"), true, StandardCharsets.UTF_8).ascii()).isFalse();
        assertThat(detect(ColorMode.AUTO, false, with(env, "LC_ALL", ""), true, StandardCharsets.UTF_8).ascii())
                .as("an empty variable does not count").isTrue();
    }

    @Test
    void colourHelpersDoNothingWithoutColour() {
        Terminal plain = screen.plain();
        Terminal coloured = screen.terminal(true, false, false, true, Verbosity.NORMAL);

        assertThat(List.of(plain.green("a"), plain.red("b"), plain.yellow("c"), plain.bold("d"), plain.dim("e")))
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(coloured.green("ok")).isEqualTo("\u001b[32mok\u001b[0m");
        assertThat(coloured.red("x")).isEqualTo("\u001b[31mx\u001b[0m");
        assertThat(coloured.yellow("!")).isEqualTo("\u001b[33m!\u001b[0m");
        assertThat(coloured.bold("B")).isEqualTo("\u001b[1mB\u001b[0m");
        assertThat(coloured.dim("d")).isEqualTo("\u001b[2md\u001b[0m");
    }

    @Test
    void foreignTextLosesEscapeSequencesAndControlCharacters() {
        Terminal terminal = screen.plain();

        assertThat(terminal.clean("\u001b[1;31mred\u001b[0m\tand\u0007 \u001b]0;title\u0007bell\u001b[2K\r"))
                .isEqualTo("red and bell");
        assertThat(terminal.clean("日本語 🚀")).isEqualTo("日本語 🚀");
        assertThat(screen.terminal(false, true, false, false, Verbosity.NORMAL).clean("é日🚀!")).isEqualTo("???!");
    }

    @Test
    void rewriteMovesTheCursorUpOnlyOnATty() {
        screen.terminal(false, false, false, true, Verbosity.NORMAL).rewrite(3, List.of("a", "b"));
        Screen other = new Screen();
        other.plain().rewrite(3, List.of("a", "b"));

        assertThat(screen.out()).isEqualTo("\u001b[3F\u001b[Ja" + System.lineSeparator() + "b\n");
        assertThat(other.out()).isEqualTo("a" + System.lineSeparator() + "b\n");
    }

    @Test
    void everyLineWrittenIsCountedOnBothStreams() {
        Terminal terminal = screen.plain();
        terminal.line("a");
        terminal.error("b");
        terminal.detail("not shown, not counted");

        assertThat(terminal.written()).isEqualTo(2);
    }
}
