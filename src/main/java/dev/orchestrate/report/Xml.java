package dev.orchestrate.report;

import java.util.regex.Pattern;

/** Text made safe for XML 1.0 (and XHTML): markup escaped, characters XML forbids replaced. */
final class Xml {

    private static final Pattern ESCAPE_SEQUENCES = Pattern.compile(
            "\u001b\\[[0-?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b\n]*(?:\u0007|\u001b\\\\)?|\u001b[@-Z\\\\-_]?");

    private Xml() {
    }

    /** Element text: {@code & < >} escaped, escape sequences removed, forbidden characters as U+FFFD. */
    static String text(String raw) {
        return escape(raw, false);
    }

    /** Attribute value (double-quoted): also {@code "}, and line breaks and tabs kept as character references. */
    static String attribute(String raw) {
        return escape(raw, true);
    }

    private static String escape(String raw, boolean attribute) {
        String clean = withoutEscapeSequences(raw);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        clean.codePoints().forEach(c -> {
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append(attribute ? "&quot;" : "\""); break;
                case '\n': out.append(attribute ? "&#10;" : "\n"); break;
                case '\r': out.append("&#13;"); break;
                case '\t': out.append(attribute ? "&#9;" : "\t"); break;
                default:
                    if (allowed(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append('\uFFFD');
                    }
            }
        });
        return out.toString();
    }

    /** Colour codes and other terminal escapes mean nothing in a report. */
    private static String withoutEscapeSequences(String raw) {
        return raw.indexOf('\u001b') < 0 ? raw : ESCAPE_SEQUENCES.matcher(raw).replaceAll("");
    }

    /** XML 1.0: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
    static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
