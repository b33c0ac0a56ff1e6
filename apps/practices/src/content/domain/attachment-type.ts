/**
 * What an attachment is, decided from its bytes, never from the name or the content type
 * the uploader claims: a PDF starts `%PDF-`; PNG, JPEG and WebP by their magic numbers;
 * an ODT is a zip whose first entry is an uncompressed `mimetype` holding the ODF text
 * type (ODF 1.2 part 3, 3.3); a DOCX is a zip with `[Content_Types].xml` and
 * `word/document.xml` in its central directory. Anything else (a Windows executable
 * named `.pdf`, an HTML page, a script, an ELF binary) has no type and is refused; so is a
 * file whose bytes say one type and whose name or declared type say another, and a DOCX
 * carrying macros (`word/vbaProject.bin`: that is a .docm in disguise).
 *
 * PDFs with active content (`/JavaScript`, `/JS`, `/Launch`, `/EmbeddedFile`,
 * `/RichMedia`, names written with `#xx` escapes included) are refused too. That scan is
 * best effort (an object stream can compress those names out of sight); the real defence
 * is in how a download is served: `Content-Disposition: attachment`,
 * `X-Content-Type-Options: nosniff` and the detected type, so a browser never renders
 * an upload in the platform's origin.
 */
import { DomainError, forbiddenCharacterIn } from '@cpx/platform';

export const ATTACHMENT_TYPES = {
  PDF: { contentType: 'application/pdf', extensions: ['pdf'] },
  ODT: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  DOCX: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  PNG: { contentType: 'image/png', extensions: ['png'] },
  JPEG: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  WEBP: { contentType: 'image/webp', extensions: ['webp'] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** A manual with photographs is a few MB; 20 MB leaves room without making the store a file host. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;
export const MAX_ATTACHMENTS = 20;

export interface Upload {
  readonly fileName: string;
  /** The content type the uploader declared, if any. */
  readonly declaredType?: string;
  readonly bytes: Uint8Array;
}

export interface CheckedAttachment {
  readonly fileName: string;
  readonly type: AttachmentType;
  /** What a download is served as: the detected type, never the declared one. */
  readonly contentType: string;
  readonly size: number;
}

/** The attachment as it will be stored, or BAD_USER_INPUT naming `${field}.fileName` or `${field}.bytes`. */
export function checkedAttachment(upload: Upload, field: string, maxBytes = MAX_ATTACHMENT_BYTES): CheckedAttachment {
  const fileName = checkedFileName(upload.fileName, `${field}.fileName`);
  const bytesField = `${field}.bytes`;
  if (upload.bytes.length === 0) throw DomainError.badInput(bytesField, 'The file is empty.');
  if (upload.bytes.length > maxBytes) throw DomainError.badInput(bytesField, `A file is at most ${maxBytes} bytes.`);
  const type = attachmentTypeOf(upload.bytes);
  if (!type) throw DomainError.badInput(bytesField, 'Only PDF, ODT, DOCX, PNG, JPEG and WebP files can be attached, and this file is none of them.');
  const { contentType, extensions } = ATTACHMENT_TYPES[type];
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  if (!fileName.includes('.') || !(extensions as readonly string[]).includes(extension)) {
    throw DomainError.badInput(`${field}.fileName`, `The file is a ${type}, so its name must end in .${extensions.join(' or .')}.`);
  }
  if (upload.declaredType !== undefined && upload.declaredType.split(';')[0]!.trim().toLowerCase() !== contentType) {
    throw DomainError.badInput(`${field}.declaredType`, `The file is a ${type} (${contentType}), not ${upload.declaredType}.`);
  }
  if (type === 'PDF' && pdfHasActiveContent(upload.bytes)) {
    throw DomainError.badInput(bytesField, 'PDFs with scripts, launch actions, embedded files or rich media are not accepted: print it to a plain PDF.');
  }
  if (type === 'DOCX' && zipEntryNames(upload.bytes)?.some((name) => name.toLowerCase().endsWith('vbaproject.bin'))) {
    throw DomainError.badInput(bytesField, 'Documents with macros are not accepted: save it as a plain .docx.');
  }
  return { fileName, type, contentType, size: upload.bytes.length };
}

function checkedFileName(raw: string, field: string): string {
  const fileName = raw.normalize('NFC').trim();
  if (!fileName || fileName.length > MAX_FILE_NAME_LENGTH) throw DomainError.badInput(field, `A file name is 1 to ${MAX_FILE_NAME_LENGTH} characters.`);
  if (/[/\\:*?"<>|]/.test(fileName) || forbiddenCharacterIn(fileName) || /[\r\n\t]/.test(fileName) || fileName.startsWith('.')) {
    throw DomainError.badInput(field, 'A file name may not contain a path, control or invisible characters, or any of / \\ : * ? " < > |.');
  }
  return fileName;
}

/** The type the bytes are, or undefined when they are none CPX accepts. */
export function attachmentTypeOf(bytes: Uint8Array): AttachmentType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'PDF';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes.subarray(8), ascii('WEBP'))) return 'WEBP';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipDocumentType(bytes);
  return undefined;
}

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

function zipDocumentType(bytes: Uint8Array): AttachmentType | undefined {
  // ODF: the first local entry is `mimetype`, stored (method 0), its data the type itself.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 30) {
    const method = view.getUint16(8, true);
    const size = view.getUint32(18, true);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    const name = text(bytes, 30, nameLength);
    const dataAt = 30 + nameLength + extraLength;
    if (name === 'mimetype' && method === 0 && size === ODT_MIMETYPE.length && text(bytes, dataAt, size) === ODT_MIMETYPE) return 'ODT';
  }
  const names = zipEntryNames(bytes);
  if (names?.includes('[Content_Types].xml') && names.includes('word/document.xml')) return 'DOCX';
  return undefined;
}

/** The entry names of a zip's central directory, or undefined when it has none that reads. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let entry = view.getUint32(at + 16, true);
    const names: string[] = [];
    for (let i = 0; i < entries; i += 1) {
      if (entry + 46 > bytes.length || view.getUint32(entry, true) !== 0x02014b50) return undefined;
      const nameLength = view.getUint16(entry + 28, true);
      const extraLength = view.getUint16(entry + 30, true);
      const commentLength = view.getUint16(entry + 32, true);
      names.push(text(bytes, entry + 46, nameLength));
      entry += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return undefined;
}

const ACTIVE_PDF_NAMES = ['/javascript', '/js', '/launch', '/embeddedfile', '/richmedia'];

function pdfHasActiveContent(bytes: Uint8Array): boolean {
  // Latin-1 keeps one character per byte; `#4A` in a name is the byte 0x4A (PDF 1.7, 7.3.5).
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const names = raw.match(/\/[^\s/<>[\]()%{}]+/g) ?? [];
  return names.some((name) => {
    const decoded = name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).toLowerCase();
    return ACTIVE_PDF_NAMES.includes(decoded);
  });
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(value: string): number[] {
  return [...value].map((character) => character.charCodeAt(0));
}

function text(bytes: Uint8Array, from: number, length: number): string {
  if (from >= bytes.length) return '';
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(length, bytes.length - from))).toString('latin1');
}
