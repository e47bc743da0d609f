package dev.orchestrate.report;

import java.util.regex.Pattern;

/** Text made safe for XML 1.0 (and XHTML): markup escaped, characters XML forbids replaced. */
final class Xml {

    private static final Pattern ESCAPE_SEQUENCES = Pattern.compile(
            "\u001b\\[[0-?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b\n]*(?:\u0007|\u001b\\\\)?|\u001b[@-Z\\\\-_]?");

    /**
     * Stand-ins (private-use characters) that {@link #clean} puts where a character reference must be
     * written and {@link XmlWriter} turns into it: StAX has no way to write one in an attribute.
     */
    private static final int LINE_FEED = 0xE00A;
    private static final int TAB = 0xE009;
    private static final int CARRIAGE_RETURN = 0xE00D;

    private Xml() {
    }

    /**
     * Text for an XML writer that escapes markup itself: escape sequences removed, forbidden
     * characters (and the stand-ins) as U+FFFD, carriage returns, and in an attribute line feeds
     * and tabs, as stand-ins for their character references ({@link #reference}).
     */
    static String clean(String raw, boolean attribute) {
        String clean = withoutEscapeSequences(raw);
        StringBuilder out = new StringBuilder(clean.length());
        clean.codePoints().forEach(c -> {
            if (c == LINE_FEED || c == TAB || c == CARRIAGE_RETURN || !allowed(c)) {
                out.append('\uFFFD');
            } else if (c == '\r') {
                out.appendCodePoint(CARRIAGE_RETURN);
            } else if (attribute && c == '\n') {
                out.appendCodePoint(LINE_FEED);
            } else if (attribute && c == '\t') {
                out.appendCodePoint(TAB);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The character reference a stand-in of {@link #clean} stands for; null for any other character. */
    static String reference(int c) {
        switch (c) {
            case LINE_FEED: return "&#10;";
            case TAB: return "&#9;";
            case CARRIAGE_RETURN: return "&#13;";
            default: return null;
        }
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
