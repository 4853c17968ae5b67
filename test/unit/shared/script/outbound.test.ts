import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyKind, renderBodyTemplate, renderUrlTemplate, type MacroContext } from '../../../../src/shared/script';

const ctx = (name: string): MacroContext => ({ lead: { first_name: name }, fields: { note: name }, tracker: { clickid: 'c1' }, variables: { base: 'https://trk.example/pb' } });

describe('outbound templates', () => {
  it('any lead value stays one path segment and one query value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter((s) => !/^\s*\.+\s*$/.test(s)), (name) => {
        const url = new URL(renderUrlTemplate('{{variables.base}}/{{lead.first_name}}/x?name={{lead.first_name}}&subid={{tracker.clickid}}#{{fields.note}}', ctx(name)));
        expect(url.origin).toBe('https://trk.example');
        expect(url.pathname.split('/')).toHaveLength(4);
        expect(decodeURIComponent(url.pathname.split('/')[2] ?? '')).toBe(name);
        expect([...url.searchParams.keys()]).toEqual(['name', 'subid']);
        expect(url.searchParams.get('name')).toBe(name);
        expect(decodeURIComponent(url.hash.slice(1))).toBe(name);
      }),
    );
  });

  it('refuses a dots-only value in the path, where it would climb a directory', () => {
    expect(() => renderUrlTemplate('https://crm.example/api/{{lead.first_name}}/lead', ctx('..'))).toThrow(/cannot go into a URL path/);
    expect(renderUrlTemplate('https://crm.example/api?name={{lead.first_name}}', ctx('..'))).toBe('https://crm.example/api?name=..');
  });

  it('any value stays one JSON string, inside quotes or not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const body = renderBodyTemplate('{"name": "Dear {{lead.first_name}}!", "raw": {{fields.note}}, "click": "{{tracker.clickid}}"}', ctx(name), 'json');
        expect(JSON.parse(body)).toEqual({ name: `Dear ${name}!`, raw: name, click: 'c1' });
      }),
    );
  });

  it('form bodies encode each value; the kind follows the content type, else the shape', () => {
    const body = renderBodyTemplate('name={{lead.first_name}}&status=lead', ctx('Eve&status=deposit'), 'form');
    expect([...new URLSearchParams(body).entries()]).toEqual([['name', 'Eve&status=deposit'], ['status', 'lead']]);
    expect(bodyKind('{"a":1}')).toBe('json');
    expect(bodyKind('a=1')).toBe('form');
    expect(bodyKind('a=1', { 'Content-Type': 'text/plain' })).toBe('text');
    expect(bodyKind('x', { 'content-type': 'application/json; charset=utf-8' })).toBe('json');
  });

  it('fills extra values such as the tracker event and refuses non-http URLs', () => {
    expect(renderUrlTemplate('https://t.example/pb?e={{event.name}}&a={{event.amount}}', ctx('x'), { 'event.name': 'a&b', 'event.amount': 5 })).toBe('https://t.example/pb?e=a%26b&a=5');
    expect(() => renderUrlTemplate('file:///etc/{{lead.first_name}}', ctx('x'))).toThrow(/Only http and https/);
  });
});
