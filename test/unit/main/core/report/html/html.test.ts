import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from '../../../../../../src/main/core/report/html/html';

describe('html template', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const title = `<img src=x onerror=alert(1)>`;
    const quote = `" onmouseover="alert(1)`;
    expect(html`<td title="${quote}">${title}</td>`.html).toBe(
      '<td title="&quot; onmouseover=&quot;alert(1)">&lt;img src=x onerror=alert(1)&gt;</td>',
    );
    expect(escapeHtml(`a & b's "c"`)).toBe('a &amp; b&#39;s &quot;c&quot;');
  });

  it('nests SafeHtml and arrays without escaping twice, and drops null and booleans', () => {
    const items = ['<a>', '&'].map((text) => html`<li>${text}</li>`);
    const list = html`<ul>
      ${items}${null}${false}${undefined}
    </ul>`.html.replace(/>\s+</g, '><');
    expect(list).toBe('<ul><li>&lt;a&gt;</li><li>&amp;</li></ul>');
    expect(html`${trusted('<b>kept</b>')}${3.5}`.html).toBe('<b>kept</b>3.5');
  });
});
