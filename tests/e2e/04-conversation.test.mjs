// An answer by funzionario1 (through the API) on the home panel and in the detail; two
// follow-ups, each after an answer; then the interaction limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCREENS, withPage, checkScreen, signIn, createRequest, inpsAnswers } from './helpers.mjs';

test('an answer reaches the home panel; two follow-ups, then the limit message', async () => {
  const created = await createRequest('operatore1', 'Si chiede la data di liquidazione della NASPI.');
  await inpsAnswers(created.id, 'La domanda è in lavorazione: la liquidazione è prevista entro il mese.');
  await withPage('conversation', async (page) => {
    await signIn(page, 'operatore1');
    await page.getByRole('heading', { name: /Risposte ricevute negli ultimi 3 giorni: [1-9]/ }).waitFor();
    // Searched by protocol in the panel.
    await page.getByLabel('Ricerca per').first().selectOption('protocol');
    await page.getByLabel('Numero protocollo').fill(created.protocol);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByText('1 risposte trovate.').waitFor();
    await checkScreen(page, '30-home-risposta');
    await page.getByRole('link', { name: `Apri il dettaglio della richiesta ${created.protocol}` }).click();

    await page.getByRole('heading', { name: 'Dettaglio richiesta selezionata' }).waitFor();
    await page.getByText('La domanda è in lavorazione').first().waitFor();
    await checkScreen(page, '31-dettaglio-risposta');

    const message = page.getByLabel('Nuovo messaggio');
    const reason = page.locator('#conversation-title ~ div .reason');
    for (const [i, text] of ['Quali documenti servono?', 'Grazie, si allega quanto richiesto.'].entries()) {
      await message.fill(text);
      await page.getByRole('button', { name: 'Invia messaggio' }).click();
      await page.getByRole('status').filter({ hasText: 'Messaggio inviato.' }).waitFor();
      await page.locator('.conversation').getByText(text).waitFor();
      // Strict turn-taking: no new message until INPS answers.
      await reason.waitFor();
      assert.equal(await message.count(), 0);
      await inpsAnswers(created.id, `Risposta numero ${i + 2}.`);
      await page.reload();
      await page.locator('.conversation').getByText(`Risposta numero ${i + 2}.`).waitFor();
    }
    // Two follow-ups used and answered: the limit, and the reason in place of the box.
    assert.equal(await message.count(), 0);
    assert.match(await reason.innerText(), /massimo di 2 ulteriori interazioni/);
    assert.equal(await page.locator('.conversation > li').count(), 6);
    await checkScreen(page, '32-dettaglio-limite');
    // Stampa riepilogo: the print stylesheet keeps the request and the conversation only.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Stampa riepilogo' }).isVisible(), false);
    assert.ok(await page.locator('.conversation').isVisible());
    await page.screenshot({ path: `${SCREENS}/33-stampa-riepilogo.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });
});
