/**
 * Isolation in git (issue 14): the integration branch of a run, one worktree and branch per
 * attempt, and the one merge queue that takes finished attempts onto the integration branch in the
 * order they arrive ({@link dev.orchestrate.worktree.Integration}). It drives the real {@code git}
 * with argv lists and knows nothing of workers, events or plans: the run package uses it.
 */
package dev.orchestrate.worktree;
