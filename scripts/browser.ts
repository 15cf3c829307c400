/**
 * Headless Chromium for the report check and for SVG export: Debian's /usr/bin/chromium driven by
 * playwright-core (no browser download), with flags that keep it offline and quiet, in a fresh
 * temporary profile that is removed on close.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium); override with POLYACT_CHROMIUM. */
export function chromiumPath(): string {
  return process.env.POLYACT_CHROMIUM || '/usr/bin/chromium';
}

/** Whether the Chromium executable is present. */
export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

/** The project's Chromium flags: no sandbox (CI runs as root), no GPU, no network side traffic. */
export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

export interface BrowserSession {
  /** The browser context (one profile); pages share it. */
  readonly context: BrowserContext;
  /** A new tab. */
  newPage(): Promise<Page>;
  /** Close the browser and delete the temporary profile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Viewport of new pages (default 1200 x 900). */
  viewport?: { width: number; height: number };
  /** Launch timeout in ms (default 30000). */
  timeoutMs?: number;
}

/** Launch headless Chromium with the project's flags and a fresh user-data-dir. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}; install it with: apt-get install -y --no-install-recommends chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'polyact-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport: options.viewport ?? { width: 1200, height: 900 },
      timeout: options.timeoutMs ?? 30_000,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      try { await context.close(); } finally { rmSync(profile, { recursive: true, force: true }); }
    },
  };
}

/** Run `fn` with a browser session, always closing it. */
export async function withBrowser<T>(fn: (session: BrowserSession) => Promise<T>, options?: LaunchOptions): Promise<T> {
  const session = await launchBrowser(options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
