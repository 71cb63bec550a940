// A small, strict multipart/form-data parser (RFC 7578) for the emulator's upload endpoints
// (Unsiloed `POST /classify`, LlamaCloud `POST /api/v1/beta/files`).
//
//   parseMultipart(bodyBuffer, contentTypeHeader) → [{ name, filename, contentType, data }]
//
// Binary-safe: a part's `data` is a Buffer slice of the body, so NUL bytes and CRLFs inside a
// file survive. The boundary may be quoted. Lines must end in CRLF. Anything malformed (no or
// bad boundary, no opening or closing delimiter, a part without a blank line after its headers
// or without `Content-Disposition: form-data; name=…`, too many parts) throws MultipartError,
// which the handlers answer with 400.

/** Thrown for a body that is not well-formed multipart/form-data. */
export class MultipartError extends Error {
  constructor(message) {
    super(message);
    this.name = "MultipartError";
  }
}

const MAX_PARTS = 1000;
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** Reads `boundary=…` (token or quoted string) from a Content-Type header. */
export function boundaryOf(contentType) {
  const match = /;\s*boundary=(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(String(contentType || ""));
  if (!match) throw new MultipartError("no boundary in the Content-Type header");
  const boundary = match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
  // RFC 2046: 1–70 characters, not ending in a space.
  if (boundary.length < 1 || boundary.length > 70 || / $/.test(boundary)) {
    throw new MultipartError("invalid boundary");
  }
  return boundary;
}

/** Splits `a=b; c="d"` parameters of a header value (after its first `;`). */
function headerParams(value) {
  const params = {};
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  let match;
  while ((match = re.exec(value))) {
    const key = match[1].toLowerCase();
    const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : match[3].trim();
    params[key] = raw;
  }
  return params;
}

/** `filename*=UTF-8''…` (RFC 5987), or null when it cannot be decoded. */
function extendedValue(value) {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!match) return null;
  try {
    return decodeURIComponent(match[2]);
  } catch {
    return null;
  }
}

function parseHeaders(text) {
  const headers = {};
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError("malformed part header line");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Parses a multipart/form-data body. `body` is a Buffer, `contentType` the request's
 * Content-Type header (which carries the boundary). Returns the parts in order.
 */
export function parseMultipart(body, contentType) {
  const boundary = boundaryOf(contentType);
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.concat([CRLF, dash]);
  // The first delimiter: at the very start, or after a preamble (then preceded by CRLF).
  let pos;
  if (body.subarray(0, dash.length).equals(dash)) pos = dash.length;
  else {
    const at = body.indexOf(delimiter);
    if (at < 0) throw new MultipartError("no opening boundary");
    pos = at + delimiter.length;
  }
  const parts = [];
  for (;;) {
    // After a delimiter: "--" closes the body; otherwise optional spaces, then CRLF.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new MultipartError("boundary not followed by CRLF");
    pos += 2;
    if (parts.length >= MAX_PARTS) throw new MultipartError("too many parts");
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) throw new MultipartError("part headers not terminated");
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString("utf8"));
    const dataStart = headerEnd + HEADER_END.length;
    const dataEnd = body.indexOf(delimiter, dataStart);
    if (dataEnd < 0) throw new MultipartError("no closing boundary");
    const disposition = headers["content-disposition"] || "";
    if (!/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError("part without Content-Disposition: form-data");
    const params = headerParams(disposition);
    if (params.name === undefined) throw new MultipartError("part without a name");
    let filename = params.filename !== undefined ? params.filename : null;
    if (params["filename*"] !== undefined) filename = extendedValue(params["filename*"]) ?? filename;
    parts.push({
      name: params.name,
      filename,
      contentType: headers["content-type"] || null,
      data: body.subarray(dataStart, dataEnd),
    });
    pos = dataEnd + delimiter.length;
  }
}

/**
 * Groups parts by name, first one wins: `{ fields: {name: string}, files: {name: part} }`.
 * A part with a filename is a file, any other part a text field.
 */
export function formOf(parts) {
  const fields = {};
  const files = {};
  for (const part of parts) {
    if (part.name in fields || part.name in files) continue;
    if (part.filename !== null) files[part.name] = part;
    else fields[part.name] = part.data.toString("utf8");
  }
  return { fields, files };
}
