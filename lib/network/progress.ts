/**
 * Progress of a long run in a notebook: one display that updates in place (Jupyter's
 * update_display_data, through tslab's display writer for the running cell), at most every
 * 0.5 s. Outside a kernel (scripts, tests) it prints a line at every quarter instead.
 */

type Writer = (message: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

function kernelWriter(): Writer | null {
  try {
    return (require('tslab/dist/jupyter') as { lastWriteDisplayData: Writer | null }).lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

let counter = 0;

/** An `onProgress(done, total)` callback for `runNetworkExperiment` / `networkReport`. */
export function progressDisplay(label = 'inputs'): (done: number, total: number) => void {
  const write = kernelWriter();
  const id = `polyact-progress-${process.pid}-${++counter}`;
  let started = false, last = 0, lastQuarter = 0;
  const t0 = Date.now();
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    const line = `${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${pct}%), ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    if (write) {
      const now = Date.now();
      if (started && now - last < 500 && done < total) return;
      last = now;
      write({ data: { 'text/plain': line }, metadata: {}, transient: { display_id: id } }, started);
      started = true;
    } else {
      const quarter = Math.floor((4 * done) / total);
      if (quarter > lastQuarter) { lastQuarter = quarter; process.stdout.write(line + '\n'); }
    }
  };
}
