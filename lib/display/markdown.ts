/** Markdown output from code (e.g. a sentence with computed numbers). */
import { displayBundle } from './bundle';

/** Show `text` as Markdown (text/markdown, with the raw text as the text/plain fallback). */
export function markdown(text: string): void {
  displayBundle({ 'text/markdown': String(text), 'text/plain': String(text) });
}
