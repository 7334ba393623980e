import { describe, expect, it } from 'vitest';
import { covers, linkUrl, ticketedRequest, Tickets, TICKET_TTL_MS, withoutTicket } from '../../src-main/api/tickets';
import type { LinkRequest } from '../../src-main/contract/inside';

const API = 'http://127.0.0.1:8080';

function req(method: string, url: string) {
  const r = ticketedRequest(method, url);
  if (!r) throw new Error(`not a /v1 URL: ${url}`);
  return r;
}

describe('Tickets', () => {
  it('redeems once, within 60 s, for the matching request only', () => {
    let now = 1_000;
    const t = new Tickets(() => now);
    const ticket = t.mint({ purpose: 'logs', id: 'a' });
    expect(t.redeem(ticket, req('GET', '/v1/sandboxes/b/logs'))).toBe(false);
    expect(t.redeem(ticket, req('GET', '/v1/sandboxes/a/logs?follow=true'))).toBe(true);
    expect(t.redeem(ticket, req('GET', '/v1/sandboxes/a/logs'))).toBe(false);
    const late = t.mint({ purpose: 'logs', id: 'a' });
    now += TICKET_TTL_MS;
    expect(t.redeem(late, req('GET', '/v1/sandboxes/a/logs'))).toBe(false);
    expect(t.size).toBe(0);
  });

  it('makes unguessable tickets', () => {
    const t = new Tickets();
    const all = new Set(Array.from({ length: 100 }, () => t.mint({ purpose: 'upload', id: 'a' })));
    expect(all.size).toBe(100);
    for (const x of all) expect(x).toMatch(/^[\w-]{32}$/);
  });
});

describe('covers', () => {
  const cases: Array<[LinkRequest, string, string, boolean]> = [
    [{ purpose: 'terminal', id: 'a' }, 'GET', '/v1/sandboxes/a/terminal?cols=80', true],
    [{ purpose: 'terminal', id: 'a' }, 'GET', '/v1/sandboxes/a/logs', false],
    [{ purpose: 'logs', id: 'a b' }, 'GET', '/v1/sandboxes/a%20b/logs', true],
    [{ purpose: 'logs', id: 'a' }, 'POST', '/v1/sandboxes/a/logs', false],
    [{ purpose: 'logs', id: 'a' }, 'GET', '/v1/sandboxes/a/logs/x', false],
    [{ purpose: 'logs', id: 'a' }, 'GET', '/v1/sandboxes/a', false],
    [{ purpose: 'usage', ids: ['a', 'b'] }, 'GET', '/v1/usage?ids=a,b', true],
    [{ purpose: 'usage', ids: ['a', 'b'] }, 'GET', '/v1/usage?ids=b', true],
    [{ purpose: 'usage', ids: ['a', 'b'] }, 'GET', '/v1/usage?ids=a,c', false],
    [{ purpose: 'usage', ids: ['a'] }, 'GET', '/v1/usage', false],
    [{ purpose: 'download', id: 'a', path: '/x y+z' }, 'GET', '/v1/sandboxes/a/execd/files/download?path=%2Fx%20y%2Bz', true],
    [{ purpose: 'download', id: 'a', path: '/x' }, 'GET', '/v1/sandboxes/a/execd/files/download?path=/y', false],
    [{ purpose: 'download', id: 'a', path: '/x' }, 'GET', '/v1/sandboxes/a/execd/files/download?path=/x&path=/y', false],
    [{ purpose: 'upload', id: 'a' }, 'POST', '/v1/sandboxes/a/execd/files/upload', true],
    [{ purpose: 'upload', id: 'a' }, 'GET', '/v1/sandboxes/a/execd/files/upload', false],
    [{ purpose: 'upload', id: 'a' }, 'POST', '/v1/sandboxes/a/execd/files/mv', false],
  ];
  it.each(cases)('%j on %s %s: %s', (scope, method, url, expected) => {
    expect(covers(scope, req(method, url))).toBe(expected);
  });
});

describe('links', () => {
  it('round-trips: every minted URL is covered by its own scope', () => {
    const scopes: LinkRequest[] = [
      { purpose: 'terminal', id: 's/1' },
      { purpose: 'logs', id: 's1' },
      { purpose: 'usage', ids: ['s1', 's2'] },
      { purpose: 'download', id: 's1', path: '/tmp/a file&b=c?.txt' },
      { purpose: 'upload', id: 's1' },
    ];
    for (const scope of scopes) {
      const url = new URL(linkUrl(API, scope, 'T'));
      const r = req(scope.purpose === 'upload' ? 'POST' : 'GET', `${url.pathname}${url.search}`);
      expect(r.ticket).toBe('T');
      expect(covers(scope, r), JSON.stringify(scope)).toBe(true);
    }
    expect(linkUrl(API, { purpose: 'terminal', id: 'a' }, 'T')).toBe('ws://127.0.0.1:8080/v1/sandboxes/a/terminal?ticket=T');
  });

  it('ignores a repeated ticket parameter', () => {
    expect(req('GET', '/v1/sandboxes/a/logs?ticket=x&ticket=y').ticket).toBeNull();
  });

  it('strips the ticket from a URL', () => {
    expect(withoutTicket('/v1/usage?ids=a&ticket=T')).toBe('/v1/usage?ids=a');
    expect(withoutTicket('/v1/sandboxes/a/logs?ticket=T&follow=true')).toBe('/v1/sandboxes/a/logs?follow=true');
    expect(withoutTicket('/v1/sandboxes/a/logs?ticket=T')).toBe('/v1/sandboxes/a/logs');
    expect(withoutTicket('/v1/sandboxes/a/logs')).toBe('/v1/sandboxes/a/logs');
  });
});
