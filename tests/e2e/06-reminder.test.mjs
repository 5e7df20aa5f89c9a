// Reminders: too early, with the date it becomes possible; the sandbox clock moved 16 days;
// then "Sollecita" and the date of the 1st reminder. Runs last: the clock never goes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, checkScreen, signIn, createRequest, api, token } from './helpers.mjs';

test('a reminder after 15 days without an answer', async () => {
  const created = await createRequest('operatore1', 'Si sollecita la domanda di pensione.');
  await withPage('reminder', async (page) => {
    await signIn(page, 'operatore1');
    await page.goto(`${page.base}/richieste/${created.id}`);
    await page.getByRole('heading', { name: 'Dettaglio richiesta selezionata' }).waitFor();
    const reminder = page.locator('#reminder-title ~ div');
    await reminder.getByText(/Possibile dal \d\d\/\d\d\/\d{4}\./).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sollecita' }).count(), 0);
    await checkScreen(page, '50-dettaglio-sollecito-non-ancora');

    await api('POST', '/sandbox/clock', { token: await token('operatore1'), body: { advance_days: 16 } });
    await page.goto(`${page.base}/richieste/${created.id}`);
    await page.getByRole('button', { name: 'Sollecita' }).click();
    await page.getByRole('status').filter({ hasText: 'Sollecito inviato.' }).waitFor();
    await page.getByText('Data 1° sollecito').waitFor();
    assert.doesNotMatch(await page.locator('#reminder-title ~ dl').innerText(), /Data 1° sollecito\s+—/);
    // The 2nd one needs 15 more days.
    await reminder.getByText(/Possibile dal/).waitFor();
    await checkScreen(page, '51-dettaglio-sollecitato');
  });
});
