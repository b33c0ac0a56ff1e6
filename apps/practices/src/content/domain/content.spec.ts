import { DomainError } from '@cpx/platform';
import { attachmentTypeOf, checkedAttachment, MAX_ATTACHMENT_BYTES, zipEntryNames } from './attachment-type';
import { plainTextField } from './plain-text-field';
import { destinationProblem, MAX_BODY_BYTES, markdownProblem, safeMarkdown } from './safe-markdown';
import { refused } from '../../../test/domain/refused';


describe('safe Markdown, on the way in', () => {
  it('keeps ordinary Markdown in every script, NFC with \\n line endings', () => {
    const body = '# Протокол\r\n\r\n- **Pas 1**: anunțați ([ghid](https://example.org/ghid?a=1&b=2 "Ghid"))\r\n- Παιδιά < 18, 3 > 2, `a <= b`\r\n\r\n[ref]: mailto:attache@example.org\r\n<https://example.org/x> <attache@example.org>\n![plan](images/plan.png) [sus](#top) [tel](tel:+38970123456)';
    const stored = safeMarkdown(body.normalize('NFD'), 'input.body');
    expect(stored).toBe(body.replace(/\r\n/g, '\n').normalize('NFC'));
  });

  it.each([
    ['<script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>'],
    ['<IMG SRC="javascript:alert(1)">'],
    ['text <svg/onload=alert(1)>'],
    ['<a href="https://x.org">x</a>'],
    ['</p>'],
    ['<!-- a comment -->'],
    ['<![CDATA[ x ]]>'],
    ['<?php echo 1; ?>'],
    ['<iframe src="https://evil.example">'],
    ['`<script>alert(1)</script>` in a code span is refused too'],
    ['```\n<script>alert(1)</script>\n```'],
    ['<style>body{display:none}</style>'],
  ])('refuses raw HTML: %s', (body) => {
    expect(refused(() => safeMarkdown(body, 'input.body'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
  });

  it.each([
    ['[click](javascript:alert(1))'],
    ['[click](JaVaScRiPt:alert(1))'],
    ['[click](  javascript:alert(1))'],
    ['[click](\njavascript:alert(1))'],
    ['[click](<javascript:alert(1)>)'],
    ['[click](javascript\\:alert(1))'],
    ['[click](&#106;avascript:alert(1))'],
    ['[click](&#x6A;avascript:alert(1))'],
    ['[click](&#106avascript:alert(1))'],
    ['[click](javascript&colon;alert(1))'],
    ['[click](vbscript:msgbox(1))'],
    ['![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['![x](data:image/svg+xml,<svg onload=alert(1)>)'],
    ['[x](file:///etc/passwd)'],
    ['[x][r]\n\n[r]: javascript:alert(1)'],
    ['[x][r]\n\n> [r]:\n>   javascript:alert(1)'],
    ['- [r]: <javascript:alert(1)>'],
    ['<javascript:alert(1)>'],
    ['<data:text/html,x>'],
    ['[x](java\tscript:alert(1))'],
  ])('refuses a dangerous link or image: %s', (body) => {
    expect(refused(() => safeMarkdown(body, 'input.body'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
  });

  it('names the line at fault and never the text itself beyond the construct', () => {
    const error = refused(() => safeMarkdown('one\ntwo\n\nthree <b>bold</b>', 'input.body'));
    expect(error.message).toContain('line 4');
  });

  it('reads a destination as a browser would', () => {
    expect(destinationProblem('https://example.org/a:b')).toBeUndefined();
    expect(destinationProblem('docs/manual.pdf')).toBeUndefined();
    expect(destinationProblem('#section-2')).toBeUndefined();
    expect(destinationProblem('?page=2:3')).toBeUndefined();
    expect(destinationProblem('javascript:x')).toMatch(/javascript/);
    expect(destinationProblem('foo:bar')).toMatch(/not allowed/);
    expect(markdownProblem('[1]: see above')).toBeUndefined();
  });

  it('refuses invisible and control characters, and a body over the cap before reading it', () => {
    expect(refused(() => safeMarkdown('Mar\u200Bko', 'input.body')).field).toBe('input.body');
    expect(refused(() => safeMarkdown('a\u0000b', 'input.body')).field).toBe('input.body');
    const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
    expect(refused(() => safeMarkdown(tenMegabytes, 'input.body')).message).toContain(`${MAX_BODY_BYTES} bytes`);
    // The cap counts UTF-8 bytes: Cyrillic is two bytes a letter.
    expect(() => safeMarkdown('д'.repeat(MAX_BODY_BYTES / 2), 'input.body')).not.toThrow();
    expect(() => safeMarkdown('д'.repeat(MAX_BODY_BYTES / 2 + 1), 'input.body')).toThrow(DomainError);
  });

  it('scans a large hostile text in linear time', () => {
    const started = Date.now();
    safeMarkdown('[a]('.repeat(40_000), 'input.body');
    expect(() => safeMarkdown('< '.repeat(90_000) + '<x', 'input.body')).toThrow(DomainError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

// A zip of stored (uncompressed) entries, enough for the checks that read only names and the first entry.
function zip(entries: ReadonlyArray<readonly [string, string]>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'latin1');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const PDF = bytes('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const WEBP = bytes('RIFF\x24\x00\x00\x00WEBPVP8 ');
const ODT = zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]);
const DOCX = zip([['[Content_Types].xml', '<Types/>'], ['_rels/.rels', '<Relationships/>'], ['word/document.xml', '<w:document/>']]);

describe('an attachment, typed from its bytes', () => {
  it.each([
    ['manual.pdf', PDF, 'PDF', 'application/pdf'],
    ['photo.PNG', PNG, 'PNG', 'image/png'],
    ['photo.jpeg', JPEG, 'JPEG', 'image/jpeg'],
    ['photo.webp', WEBP, 'WEBP', 'image/webp'],
    ['protocol.odt', ODT, 'ODT', 'application/vnd.oasis.opendocument.text'],
    ['protocol.docx', DOCX, 'DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ] as const)('takes %s as %s', (fileName, content, type, contentType) => {
    expect(checkedAttachment({ fileName, bytes: content, declaredType: contentType }, 'input.attachments.0')).toEqual({ fileName, type, contentType, size: content.length });
  });

  it.each([
    ['a Windows executable', bytes('MZ\x90\x00\x03\x00\x00\x00PE\x00\x00')],
    ['an ELF binary', bytes('\x7fELF\x02\x01\x01')],
    ['an HTML page', bytes('<!DOCTYPE html><script>alert(1)</script>')],
    ['an HTML page with a PDF comment after it', bytes('<html>%PDF-1.4</html>')],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /\n')],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['a zip of anything', zip([['evil.exe', 'MZ']])],
  ])('refuses %s disguised as a PDF', (_, content) => {
    const error = refused(() => checkedAttachment({ fileName: 'protocol.pdf', declaredType: 'application/pdf', bytes: content }, 'input.attachments.0'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments.0.bytes' });
  });

  it('refuses a name or declared type that disagrees with the bytes', () => {
    expect(refused(() => checkedAttachment({ fileName: 'manual.docx', bytes: PDF }, 'a')).field).toBe('a.fileName');
    expect(refused(() => checkedAttachment({ fileName: 'manual', bytes: PDF }, 'a')).field).toBe('a.fileName');
    expect(refused(() => checkedAttachment({ fileName: 'manual.pdf', bytes: PDF, declaredType: 'text/html' }, 'a')).field).toBe('a.declaredType');
    expect(checkedAttachment({ fileName: 'manual.pdf', bytes: PDF, declaredType: 'Application/PDF; charset=binary' }, 'a').type).toBe('PDF');
  });

  it('refuses an ODT whose mimetype entry is compressed, missing or of another ODF kind', () => {
    expect(attachmentTypeOf(zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]))).toBeUndefined();
    expect(attachmentTypeOf(zip([['content.xml', 'x'], ['mimetype', 'application/vnd.oasis.opendocument.text']]))).toBeUndefined();
    expect(zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });

  it('refuses a DOCX with macros and a PDF with active content, even behind #xx name escapes', () => {
    const docm = zip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>'], ['word/vbaProject.bin', 'x']]);
    expect(refused(() => checkedAttachment({ fileName: 'a.docx', bytes: docm }, 'a')).field).toBe('a.bytes');
    for (const action of ['/OpenAction << /S /JavaScript /JS (app.alert(1)) >>', '/AA << /O << /S /Launch /F (cmd.exe) >> >>', '/S /J#61vaScript', '/Type /EmbeddedFile']) {
      expect(refused(() => checkedAttachment({ fileName: 'a.pdf', bytes: bytes(`%PDF-1.7\n1 0 obj << ${action} >> endobj`) }, 'a')).field).toBe('a.bytes');
    }
    expect(checkedAttachment({ fileName: 'a.pdf', bytes: bytes('%PDF-1.7\n<< /JSON_like_name 1 /Jsx 2 >>') }, 'a').type).toBe('PDF');
  });

  it('refuses an empty file, one over the cap, and a file name with a path or invisible characters', () => {
    expect(refused(() => checkedAttachment({ fileName: 'a.pdf', bytes: new Uint8Array() }, 'a')).field).toBe('a.bytes');
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    expect(refused(() => checkedAttachment({ fileName: 'a.pdf', bytes: big }, 'a')).field).toBe('a.bytes');
    for (const fileName of ['../../etc/passwd.pdf', 'C:\\x.pdf', 'a\u202Efdp.exe', '.pdf', '', 'x'.repeat(201) + '.pdf', 'a\nb.pdf']) {
      expect(refused(() => checkedAttachment({ fileName, bytes: PDF }, 'a')).field).toBe('a.fileName');
    }
  });
});

describe('a plain-text field', () => {
  it('is stored NFC and trimmed, its length counted in characters', () => {
    expect(plainTextField('  Școală\r\nnouă ', 'f', { max: 11 })).toBe('Școală\nnouă');
    expect(plainTextField('д'.repeat(5), 'f', { max: 5 })).toBe('ддддд');
    expect(plainTextField('😀'.repeat(5), 'f', { max: 5 })).toBe('😀'.repeat(5));
    expect(plainTextField('e\u0301'.repeat(5), 'f', { max: 5 })).toBe('é'.repeat(5));
  });

  it('refuses blank, short, long, multi-line (when one line) and invisible-character text, and a huge one before scanning it', () => {
    expect(refused(() => plainTextField(' \n ', 'f', { max: 5 })).field).toBe('f');
    expect(refused(() => plainTextField('ab', 'f', { min: 3, max: 5 })).message).toContain('at least 3');
    expect(refused(() => plainTextField('abcdef', 'f', { max: 5 })).message).toContain('at most 5');
    expect(refused(() => plainTextField('a\nb', 'f', { max: 5, singleLine: true })).field).toBe('f');
    expect(refused(() => plainTextField('a\u2066b', 'f', { max: 5 })).field).toBe('f');
    const started = Date.now();
    expect(refused(() => plainTextField('x'.repeat(20 * 1024 * 1024), 'f', { max: 200 })).message).toContain('at most 200');
    expect(Date.now() - started).toBeLessThan(500);
  });
});
