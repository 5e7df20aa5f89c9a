// Shared by the browser tests: the browser, pages that record problems, sign-in, axe-core on
// every screen with a screenshot, and API calls from node (INPS answers, the sandbox clock).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE;
export const PASSWORD = 'combipat-demo';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SCREENS = path.join(ROOT, 'target', 'e2e-screens');
mkdirSync(SCREENS, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
});
after(async () => { await browser?.close(); });

// A fresh browser context (its own sessionStorage) and a page that records page errors, console
// errors (CSP violations among them) and failed requests. The browser also logs every 4xx
// answer as "Failed to load resource"; those are protocol answers the app handles.
export async function openPage({ base = BASE, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.problems = [];
  page.base = base;
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      page.problems.push(`console: ${m.text()}`);
    }
  });
  page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return page;
}

// Runs a test body with a page; on failure leaves target/e2e-screens/FAILED-<name>.png.
export async function withPage(name, body, options) {
  const page = await openPage(options);
  try {
    await body(page);
    assert.deepEqual(page.problems, [], 'no page errors, console errors or failed requests');
  } catch (e) {
    await page.screenshot({ path: path.join(SCREENS, `FAILED-${name}.png`), fullPage: true }).catch(() => {});
    if (page.problems.length) e.message += `\nproblems seen by the page:\n${page.problems.join('\n')}`;
    throw e;
  } finally {
    await page.context().close();
  }
}

export const axeTotals = { screens: 0, violations: 0 };

// axe-core (WCAG 2.1 A and AA) on the screen as it is now, and its screenshot.
export async function checkScreen(page, name) {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  });
  axeTotals.screens += 1;
  axeTotals.violations += violations.length;
  console.log(`axe ${name}: ${violations.length} violations`);
  assert.deepEqual(violations, [], `axe violations on ${name}`);
}

// From the service notice through sign-in (and the profile choice) to the home page.
export async function signIn(page, username, profile) {
  await page.goto(page.base + '/');
  await page.getByRole('heading', { name: 'Informativa sul servizio' }).waitFor();
  await page.getByRole('button', { name: 'Continua' }).click();
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  if (profile) {
    await page.getByText('Scegli la modalità di lavoro').waitFor();
    await pick(page, profile);
    await page.getByRole('button', { name: 'Accedi' }).click();
  }
  await page.getByRole('heading', { name: 'Home page', level: 1 }).waitFor();
  await page.getByText(/^Benvenuto\/a/).waitFor();
}

export async function api(method, route, { token, body, base = BASE } = {}) {
  const response = await fetch(base + '/api/v1' + route, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return json;
}

export async function token(username, profile) {
  const body = { username, password: PASSWORD, ...(profile ? { profile } : {}) };
  return (await api('POST', '/auth/token', { body })).access_token;
}

// funzionario1 (POMEZIA) answers a request through the API.
export async function inpsAnswers(requestId, text) {
  const official = await token('funzionario1');
  return api('POST', `/requests/${requestId}/messages`, { token: official, body: { text, enable_appointments: false } });
}

// Creates a citizen request for Mario Bianchi through the API (for flows that start later on).
export async function createRequest(username, text) {
  const operator = await token(username);
  return api('POST', '/requests', {
    token: operator,
    body: { kind: 'citizen', citizen_id: 1, delega_declared: true, motive: 'requirements_and_access', topic_id: 24, text },
  });
}

// The id of the request a detail page shows.
export function requestIdOf(page) {
  return Number(new URL(page.url()).pathname.split('/').pop());
}

// Chooses a radio button or ticks a checkbox the way a user does: Bootstrap Italia draws them
// on their label, which receives the click.
export async function pick(page, label) {
  const text = typeof label === 'string'
    ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
    : label;
  await page.locator('label').filter({ hasText: text }).first().click();
}
