package dev.orchestrate.run.agent;

import java.util.Locale;

/** Why an agent attempt failed (SPEC §6). */
public enum FailureClass {
    /** It ran past its time limit, or printed nothing for too long. */
    TIMEOUT,
    /** The provider refused for rate or usage limits, or was overloaded: worth pausing new agent starts. */
    RATE_LIMIT,
    /** The provider's quota for the day (or the credits) is used up: retrying today will not help. */
    QUOTA,
    /** The agent hit its turn limit before finishing. */
    MAX_TURNS,
    /** The agent is not logged in, or its key is missing or invalid: retrying will not help. */
    AUTH,
    /** The CLI refused its configuration or the folder (gemini: bad settings, an untrusted folder, no sandbox). */
    CONFIG,
    /** It exited 0 but printed none of the JSON result its profile promises. */
    NO_RESULT,
    /** Anything else. */
    ERROR,
    /** The agent succeeded, but the task's check ({@code Verify:}, {@code --verify}, {@code --verify-merged}) failed. */
    VERIFY_FAILED,
    /** The agent succeeded, but its change conflicts with what was merged meanwhile ({@code --isolation worktree}). */
    MERGE_CONFLICT;

    /**
     * Whether no attempt of this agent can succeed in this run: the run stops starting agent
     * attempts, retries nothing and ends with exit 3 (auth, config, quota).
     */
    public boolean finalForRun() {
        return this == AUTH || this == CONFIG || this == QUOTA;
    }

    /** The name in summary.json and event lines: {@code rate_limit}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
