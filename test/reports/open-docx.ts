/** Opens a .docx the way a reader would: unzip it and read the XML parts (not trusting the generator's model). */
import JSZip from 'jszip';

export interface OpenedDocx {
  documentXml: string;
  /** Paragraph texts of word/document.xml, in order. */
  paragraphs: string[];
  text: string;
  files: string[];
  part(name: string): Promise<string>;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function paragraphsOf(xml: string): string[] {
  return xml
    .split(/<\/w:p>/)
    .map((p) => unescapeXml([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
}

export async function openDocx(buf: Buffer): Promise<OpenedDocx> {
  const zip = await JSZip.loadAsync(buf);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = paragraphsOf(documentXml).filter((p) => p.length > 0);
  return {
    documentXml,
    paragraphs,
    text: paragraphs.join('\n'),
    files: Object.keys(zip.files),
    part: (name) => zip.file(name)!.async('string'),
  };
}
