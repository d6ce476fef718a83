// Prints an HTML page to PDF with Debian's chromium (/usr/bin/chromium, or KPI_CHROMIUM)
// driven by playwright-core: A4 or Letter, page numbers in the footer, backgrounds kept.
// IO. Invariants: never a downloaded browser; no request leaves the page (every request
// but the page itself is aborted, so a report that is not self-contained prints without
// the missing part instead of fetching it); the browser is always closed; a missing
// chromium is an IoError that names the Debian package.

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { IoError } from '@kpi/core';

export const PAPER_SIZES = ['a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export interface PdfOptions {
  readonly paper?: PaperSize;
  /** The chromium binary (default: $KPI_CHROMIUM, else /usr/bin/chromium). */
  readonly chromium?: string;
  /** The environment to read KPI_CHROMIUM from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The flags this machine needs (as in the web e2e fixture): no sandbox as root, no background network calls. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The chromium binary to use, or an IoError naming the Debian package when there is none. */
export const chromiumPath = (opts: PdfOptions = {}): string => {
  const env = opts.env ?? process.env;
  const fromEnv = env['KPI_CHROMIUM'];
  const path = opts.chromium ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_CHROMIUM);
  if (!existsSync(path))
    throw new IoError('pdf.chromium_missing', `PDF printing needs chromium, and there is none at ${path}`, {
      hint: `install Debian's chromium (apt install chromium), or set KPI_CHROMIUM to a chromium binary; html and md reports need no browser`,
      details: { path },
    });
  return path;
};

const FOOTER = `<div style="font-size:8px;width:100%;text-align:center;color:#4b5563;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

export interface PdfPrinter {
  /** The PDF bytes of one self-contained HTML page. */
  print(html: string, paper?: PaperSize): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A printer with one browser kept open, for printing several reports (a schedule run, the bench). */
export const openPdfPrinter = async (opts: PdfOptions = {}): Promise<PdfPrinter> => {
  const executablePath = chromiumPath(opts);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
  } catch (e) {
    throw new IoError('pdf.chromium_failed', `chromium at ${executablePath} did not start`, {
      hint: `check that it runs (${executablePath} --version); reinstall with apt install chromium, or set KPI_CHROMIUM`,
      cause: e,
    });
  }
  return {
    async print(html, paper = opts.paper ?? 'a4') {
      const context = await browser.newContext({ offline: true });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({
          format: paper === 'letter' ? 'Letter' : 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: FOOTER,
          margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' },
        });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
};

/** Prints one HTML page to PDF (opens and closes a browser). */
export const printPdf = async (html: string, opts: PdfOptions = {}): Promise<Uint8Array> => {
  const printer = await openPdfPrinter(opts);
  try {
    return await printer.print(html, opts.paper);
  } finally {
    await printer.close();
  }
};
