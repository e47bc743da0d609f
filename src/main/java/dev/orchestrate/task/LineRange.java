package dev.orchestrate.task;

/**
 * Lines {@code [from, to)} of a task file, 0-based: a part of the file read as one piece of a task.
 *
 * @param from the first line
 * @param to   the line after the last
 */
record LineRange(int from, int to) {
}
