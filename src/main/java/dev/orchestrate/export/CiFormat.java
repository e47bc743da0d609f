package dev.orchestrate.export;

import java.util.Locale;

/** The CI engines a plan can be exported to, by the name {@code --format} takes. */
public enum CiFormat {
    GITHUB_ACTIONS("github-actions"),
    GITLAB("gitlab"),
    BUILDKITE("buildkite");

    private final String id;

    CiFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code github-actions}, {@code gitlab}, {@code buildkite} (any case). */
    public static CiFormat of(String text) {
        for (CiFormat format : values()) {
            if (format.id.equals(text.toLowerCase(Locale.ROOT)) || format.name().equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (use github-actions, gitlab or buildkite)");
    }

    @Override
    public String toString() {
        return id;
    }
}
