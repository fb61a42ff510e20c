import type { Report, ReportFormat } from '../../../shared/schemas/report';
import { renderCsv } from './csv';
import { renderHtmlReport } from './html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';

/** Prints HTML to PDF: Electron's printToPDF in the app, a local Chromium in the CLI and web mode. */
export type PdfPrinter = (html: string) => Promise<Buffer>;

export interface RenderedReport {
  content: string | Buffer;
  mime: string;
  extension: string;
}

/** One report, any format: the JSON is the report itself (every sample included). */
export async function renderReport(
  report: Report,
  format: ReportFormat,
  printPdf: PdfPrinter = renderPdf,
): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return { content: `${JSON.stringify(report, null, 2)}\n`, mime: 'application/json', extension: 'json' };
    case 'html':
      return { content: renderHtmlReport(report), mime: 'text/html', extension: 'html' };
    case 'md':
      return { content: renderMarkdown(report), mime: 'text/markdown', extension: 'md' };
    case 'csv':
      return { content: renderCsv(report), mime: 'text/csv', extension: 'csv' };
    case 'pdf':
      return { content: await printPdf(renderHtmlReport(report)), mime: 'application/pdf', extension: 'pdf' };
  }
}
