export interface TextPart {
  text: string;
  /** Set when the part is an http(s) address. */
  href?: string;
}

const address = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the address before it. */
const trailing = /[.,;:!?)\]]+$/;

/** Splits plain text into text and http(s) links, to show mail bodies with clickable links. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(address)) {
    const start = match.index;
    const href = match[0].replace(trailing, '');
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: href, href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
