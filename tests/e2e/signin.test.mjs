// Browser test: the SPA served by the real server, in headless Chromium (playwright-core,
// Debian's chromium). Run by scripts/e2e.sh, which starts the server and sets E2E_BASE.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const BASE = process.env.E2E_BASE;
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

async function openPage() {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The browser also logs every 4xx answer as "Failed to load resource"; those are expected
  // protocol answers (e.g. 422 profile_required), not defects.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  return { page, problems };
}

test('a referent reads the notice, signs in choosing a profile, and signs out', async () => {
  const { page, problems } = await openPage();
  await page.goto(BASE + '/');
  await page.getByRole('heading', { name: 'Informativa sul servizio' }).waitFor();
  await page.getByRole('button', { name: 'Continua' }).click();

  await page.getByLabel('Nome utente').fill('referente1');
  await page.getByLabel('Password', { exact: true }).fill('combipat-demo');
  await page.getByRole('button', { name: 'Accedi' }).click();

  await page.getByText('Scegli la modalità di lavoro').waitFor();
  // Bootstrap Italia draws the radio on its label, which receives the click.
  await page.locator('label[for="profile-regional_referent"]').click();
  assert.ok(await page.getByLabel('Referente regionale').isChecked());
  await page.getByRole('button', { name: 'Accedi' }).click();

  await page.getByRole('heading', { name: 'Benvenuto/a Paola Neri' }).waitFor();
  assert.ok(await page.getByText('Referente regionale').first().isVisible());
  assert.ok(await page.getByText('Lazio').first().isVisible());

  await page.getByRole('button', { name: 'Esci' }).click();
  await page.getByRole('heading', { name: 'Informativa sul servizio' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('a wrong password is reported in an alert', async () => {
  const { page } = await openPage();
  await page.goto(BASE + '/accedi');
  await page.getByLabel('Nome utente').fill('operatore1');
  await page.getByLabel('Password', { exact: true }).fill('sbagliata');
  await page.getByRole('button', { name: 'Accedi' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Nome utente o password non corretti/);
  await page.close();
});
