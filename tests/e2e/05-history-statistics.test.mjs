// History: both tabs, search by codice fiscale and by protocol, free text, pages by cursor;
// statistics as a table and a chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, checkScreen, signIn, createRequest } from './helpers.mjs';

test('history: tabs, search by codice fiscale and by protocol, pages', async () => {
  // Enough requests for a second page (20 a page), one of them by a colleague.
  const mine = [];
  for (let i = 0; i < 21; i++) mine.push(await createRequest('operatore1', `Richiesta di prova numero ${i}.`));
  const colleague = await createRequest('operatore2', 'Richiesta della collega sulla NASPI.');
  await withPage('history', async (page) => {
    await signIn(page, 'operatore1');
    await page.getByRole('link', { name: 'Storico richieste' }).click();
    await page.getByRole('heading', { name: 'Storico richieste' }).waitFor();
    const status = page.getByRole('status').filter({ hasText: /richieste trovate/ });
    await status.waitFor();
    await checkScreen(page, '40-storico');

    // Next page by cursor, and back.
    await page.getByRole('button', { name: 'Pagina successiva' }).click();
    await page.getByRole('status').filter({ hasText: /Pagina 2 di/ }).waitFor();
    await page.getByRole('button', { name: 'Pagina precedente' }).click();
    await page.getByRole('status').filter({ hasText: /Pagina 1 di/ }).waitFor();

    // Search by protocol: the colleague's request is in "Tutte le richieste"…
    await page.getByLabel('Ricerca per').selectOption('protocol');
    await page.getByLabel('Numero protocollo').fill(colleague.protocol);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('status').filter({ hasText: '1 richiesta trovata.' }).waitFor();
    await page.getByRole('cell', { name: colleague.protocol, exact: true }).waitFor();
    // …not in "Le mie richieste" (arrow keys move between the tabs).
    await page.getByRole('tab', { name: 'Tutte le richieste' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('tab', { name: 'Le mie richieste' }).getAttribute('aria-selected'), 'true');
    await page.getByText('Nessuna richiesta corrisponde ai criteri di ricerca.').waitFor();
    await checkScreen(page, '41-storico-mie-nessuna');

    // By codice fiscale, checked as typed; then free text.
    await page.getByLabel('Ricerca per').selectOption('cf');
    const cf = page.getByRole('textbox', { name: 'Codice fiscale' });
    await cf.fill('BNCMRA50A01H501X');
    await page.getByText('Il carattere di controllo non è corretto: atteso U').waitFor();
    await cf.fill('BNCMRA50A01H501U');
    await page.getByLabel('Testo libero').fill('numero 7');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('cell', { name: mine[7].protocol, exact: true }).waitFor();
    await checkScreen(page, '42-storico-cf');
    await page.getByRole('link', { name: `Apri il dettaglio della richiesta ${mine[7].protocol}` }).click();
    await page.getByText('Richiesta di prova numero 7.').first().waitFor();
  });
});

test('statistics: the seven figures for mine and the office, table and chart', async () => {
  await withPage('statistics', async (page) => {
    await signIn(page, 'operatore1');
    await page.getByRole('link', { name: 'Statistiche' }).click();
    await page.getByRole('heading', { name: 'Statistiche' }).waitFor();
    const table = page.getByRole('table', { name: 'Indicatori statistici delle richieste' });
    await table.waitFor();
    for (const header of ['Aperte', 'Superati 15 gg', '1° Sollecito', '2° Sollecito', 'Chiuse', 'Abilitate appuntamento*', 'Appuntamento']) {
      await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
    }
    await table.getByRole('rowheader', { name: 'Le mie richieste' }).waitFor();
    await table.getByRole('rowheader', { name: 'Richieste della sede' }).waitFor();
    const chart = page.getByRole('img', { name: /Indicatori statistici: grafico a barre/ });
    await chart.waitFor();
    assert.match(await page.locator('#stats-chart-desc').textContent(), /Aperte: Le mie richieste \d+, Richieste della sede \d+/);
    await checkScreen(page, '43-statistiche');
    await page.getByLabel('Argomento').selectOption({ label: 'NASPI' });
    await page.getByLabel('Data da').fill('2020-01-01');
    await page.getByLabel('Data a').fill('2019-01-01');
    await page.getByRole('button', { name: 'Visualizza' }).click();
    await page.getByText('La data finale non può precedere quella iniziale.').waitFor();
    await page.getByLabel('Data a').fill('2099-12-31');
    await page.getByRole('button', { name: 'Visualizza' }).click();
    await table.waitFor();
  });
});
