// A signed-in operator stays signed in past the access token's lifetime (4 s on this server):
// the SPA renews it with the refresh token before it expires, and after a refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, signIn } from './helpers.mjs';

const BASE = process.env.E2E_SHORT_TTL_BASE;
const KEY = 'scrivi-alla-sede.session';

const stored = (page) => page.evaluate((key) => JSON.parse(sessionStorage.getItem(key)), KEY);

test('still signed in after the access token lifetime', async () => {
  assert.ok(BASE, 'scripts/e2e.sh sets E2E_SHORT_TTL_BASE');
  await withPage('session-lifetime', async (page) => {
    await signIn(page, 'operatore1');
    const first = await stored(page);
    assert.ok(first.lifetime_ms <= 4000, 'this server issues short-lived tokens');
    // Wait until the first token has expired and two renewals have happened.
    await page.waitForFunction(({ key, first }) => {
      const now = JSON.parse(sessionStorage.getItem(key));
      window.seenTokens = new Set([...(window.seenTokens ?? []), now.access_token]);
      return Date.now() > first.expires_at_ms && window.seenTokens.size >= 2 && now.access_token !== first.access_token;
    }, { key: KEY, first }, { timeout: 20_000, polling: 250 });
    await page.getByRole('link', { name: 'Storico richieste' }).click();
    await page.getByRole('status').filter({ hasText: /trovat[ae]\.|Nessuna richiesta/ }).waitFor();

    // A token the server refuses: the next call renews and retries, the user sees nothing.
    await page.evaluate((key) => {
      const s = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.setItem(key, JSON.stringify({ ...s, access_token: 'scaduto', expires_at_ms: Date.now() + 3_600_000, lifetime_ms: 3_600_000 }));
    }, KEY);
    await page.reload();
    await page.getByRole('heading', { name: 'Storico richieste' }).waitFor();
    await page.getByRole('status').filter({ hasText: /trovat[ae]\.|Nessuna richiesta/ }).waitFor();
    assert.notEqual((await stored(page)).access_token, 'scaduto');
  }, { base: BASE });
});
