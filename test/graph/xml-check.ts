// A small XML well-formedness check for the serialiser tests: balanced tags,
// quoted attributes, no raw `<` or `&` outside markup and entities, no
// duplicate attribute on an element. Not a full XML parser; enough to catch
// an unescaped value or an unclosed element.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

export function parseXml(doc: string): XmlElement {
  const body = doc.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length) {
    tag.lastIndex = at;
    m = tag.exec(body);
    if (!m) throw new Error(`not well-formed at ${at}: ${body.slice(at, at + 60)}`);
    at = tag.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      checkText(m[5]);
      top.text += unescape(m[5]);
      continue;
    }
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
      const v = a[2] ?? a[3];
      checkText(v);
      attrs[a[1]] = unescape(v);
    }
    const el: XmlElement = { name, attrs, children: [], text: '' };
    top.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('expected one root element');
  return root.children[0];
}

function checkText(t: string): void {
  if (t.includes('<')) throw new Error(`raw < in ${t}`);
  if (t.replace(ENTITY, '').includes('&')) throw new Error(`raw & in ${t}`);
}

function unescape(t: string): string {
  return t.replace(ENTITY, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
