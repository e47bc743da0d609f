package dev.orchestrate.plan;

/** What runs a task: its own shell command, or the coding agent (SPEC §6). */
public enum Executor {
    SHELL,
    AGENT
}
