/**
 * One display message with several MIME representations (a "bundle"), so each front end picks the
 * richest it understands: JupyterLab and VS Code the plotly JSON, classic Jupyter the HTML, a
 * terminal the text.
 *
 * tslab's public `display.raw` sends a single MIME type per message, so bundles go through the
 * writer tslab keeps for the running cell (`tslab/dist/jupyter`'s lastWriteDisplayData). Outside a
 * kernel (tests, scripts) the text/plain part is printed, or a sink set by `setDisplaySink` gets it.
 */

/** MIME type -> representation (strings, or JSON objects for `application/*+json`). */
export type MimeBundle = { [mime: string]: unknown };

/** Receives every bundle instead of the kernel (tests, exporters). */
export type DisplaySink = (data: MimeBundle, metadata: Record<string, unknown>) => void;

let sink: DisplaySink | null = null;

/** Route displays to `next` (null restores the default); returns the previous sink. */
export function setDisplaySink(next: DisplaySink | null): DisplaySink | null {
  const previous = sink;
  sink = next;
  return previous;
}

type Writer = (message: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** tslab's display writer for the current cell, or null outside a tslab kernel. */
function tslabWriter(): Writer | null {
  try {
    // Resolved from the project's node_modules: the same module instance the kernel runs.
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: Writer | null };
    return jupyter.lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

/** Whether displays go to a live tslab kernel. */
export function inKernel(): boolean {
  return sink === null && tslabWriter() !== null;
}

/** Display one bundle. `text/plain` should always be present: it is the fallback everywhere. */
export function displayBundle(data: MimeBundle, metadata: Record<string, unknown> = {}): void {
  if (sink) {
    sink(data, metadata);
    return;
  }
  const write = tslabWriter();
  if (write) write({ data, metadata, transient: {} }, false);
  else process.stdout.write(String(data['text/plain'] ?? '') + '\n');
}
