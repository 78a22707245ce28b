/**
 * A strict XML 1.0 reader for the tests: saxes rejects everything a conforming parser must
 * (forbidden characters, `]]>` in text, undefined entities, `<` in attributes), and this
 * builds a small element tree so tests can count elements and read their text.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Text and CDATA content directly inside this element, concatenated. */
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      // Without namespace processing, saxes gives attribute values as plain strings.
      attributes: { ...tag.attributes },
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (text: string): void => {
    stack.at(-1)!.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(xml).close();
  if (failure) throw new Error(`not well-formed XML: ${failure.message}`, { cause: failure });
  const [documentElement, ...rest] = root.children;
  if (!documentElement || rest.length > 0) throw new Error('expected one document element');
  return documentElement;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
