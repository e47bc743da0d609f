/**
 * Events of a run and the listeners that show them.
 *
 * <p>Wiring, in the order the listeners should be registered (the coordinator calls them on its
 * own thread, in order, and closes them once after {@code RunFinished}):
 * <pre>{@code
 * Terminal terminal = Terminal.detect(colorMode, ascii, json, verbosity);
 * Clock clock = Clock.systemUTC();
 * List<EventListener> listeners = new ArrayList<>();
 * if (terminal.json()) {
 *     listeners.add(new JsonLinesPrinter(terminal));                     // --json: stdout is JSON lines only
 * } else {
 *     FailureDetail detail = GithubActions.active(env)
 *             ? new GithubActions(plan, env) : FailureDetail.indented();
 *     listeners.add(new ConsolePrinter(plan, terminal, clock, detail).startTicker());
 * }
 * listeners.add(new ProgressFile(plan, session.file("progress.txt"), clock).startTicker());
 * EventListener events = EventListener.all(listeners);
 * }</pre>
 * The console comes first so the user sees an event before any file mirrors it. The tickers are
 * daemon threads that stop at {@code RunFinished} or {@code close()}; each listener guards its
 * state with its own single lock, so a tick never interleaves with an event's lines.
 */
package dev.orchestrate.event;
