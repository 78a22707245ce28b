import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlAttr, xmlCdata, xmlChars, xmlOpenTag, xmlText } from '../../reports/xml.js';
import { parseXml } from './xml-reader.js';

const anyChar = fc.oneof(
  fc.constantFrom(
    '\u0000',
    '\u001b',
    ']]>',
    ']',
    '>',
    '<',
    '&',
    '"',
    "'",
    '\r',
    '\n',
    '\t',
    '\ud800',
    '\uffff',
  ),
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
);
const anyText = fc.array(anyChar, { maxLength: 40 }).map((parts) => parts.join(''));

describe('xml', () => {
  it('spells out characters XML 1.0 forbids and keeps the ones it allows', () => {
    expect(xmlChars('a\u0000b\u001bc\ufffed\ud800e')).toBe('a\\x00b\\x1bc\\ufffed\\ud800e');
    expect(xmlChars('tab\tlf\ncr\r ü 😀 \ufffd')).toBe('tab\tlf\ncr\r ü 😀 \ufffd');
  });

  it('escapes attribute values so line breaks and quotes survive a parser', () => {
    const value = 'a "quoted" <tag> & \'apos\'\n\tnext\r';
    const xml = `<r>${xmlOpenTag('e', { v: value }, true)}</r>`;
    expect(xmlAttr('"')).toBe('&quot;');
    expect(parseXml(xml).children[0]!.attributes.v).toBe(value);
  });

  it('splits ]]> across CDATA sections so the text reads back exactly', () => {
    const text = 'x]]>y]]]>>z';
    const cdata = xmlCdata(text);
    expect(cdata).toBe('<![CDATA[x]]]]><![CDATA[>y]]]]]><![CDATA[>>z]]>');
    // Every ]]> closes a section that was opened: none is left inside one.
    expect(cdata.split(']]>').length).toBe(cdata.split('<![CDATA[').length);
    expect(parseXml(`<r>${xmlCdata(text)}</r>`).text).toBe(text);
  });

  it('yields well-formed XML for any text, in text, CDATA and attributes', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const expected = xmlChars(text).replace(/\r\n?/g, '\n');
        const doc = parseXml(
          `<r>${xmlOpenTag('a', { v: text }, true)}<t>${xmlText(text)}</t><c>${xmlCdata(text)}</c></r>`,
        );
        expect(doc.children[0]!.attributes.v).toBe(xmlChars(text));
        // A parser normalizes raw CR and CR LF in content to LF (XML 1.0 §2.11).
        expect(doc.children[1]!.text).toBe(expected);
        expect(doc.children[2]!.text).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
