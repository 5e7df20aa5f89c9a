// A referent's regional request: no citizen, its own motives, the CRIC warning, the regional
// office proposed and the Regione → Sede INPS override, "Richiesta inviata con successo!".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, checkScreen, signIn, pick } from './helpers.mjs';

test('a referent sends a regional request to the CRIC', async () => {
  await withPage('regional-request', async (page) => {
    await signIn(page, 'referente1', 'Referente regionale');
    await page.getByRole('link', { name: 'Crea nuova richiesta' }).click();
    await page.getByRole('heading', { name: 'Compilazione' }).waitFor();
    // Three steps: no citizen to find.
    const steps = await page.getByRole('navigation', { name: 'Passaggi della richiesta' }).getByRole('listitem').allInnerTexts();
    assert.deepEqual(steps.map((s) => s.trim()), ['Compilazione', 'Riepilogo e inoltro', 'Conferma']);
    await page.getByText(/Per conto di: Ref\./).waitFor();
    assert.equal(await page.getByLabel('Prestazione in corso o respinta').count(), 0);
    await page.getByText(/La presente istanza sarà indirizzata alla Sede Regionale INPS/).waitFor();
    await pick(page, 'Chiarimento normativo');
    await page.getByLabel('Parola chiave').fill('assegno unico');
    await pick(page, 'ASSEGNO UNICO UNIVERSALE');
    await page.getByLabel('Testo della richiesta').fill('Si chiede un chiarimento sui requisiti di residenza.');
    await checkScreen(page, '20-referente-compilazione');
    await page.getByRole('button', { name: 'Prosegui' }).click();

    await page.getByRole('heading', { name: 'Riepilogo e inoltro' }).waitFor();
    await page.locator('.office-card').getByText(/CRIC/).first().waitFor();
    await checkScreen(page, '21-referente-riepilogo');
    await page.getByRole('button', { name: 'Modifica sede' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifica la sede di inoltro' });
    // Regione → Sede INPS: no province for a regional request.
    assert.equal(await dialog.getByLabel('Provincia').count(), 0);
    await dialog.getByLabel('Regione').selectOption({ label: 'Lazio' });
    const office = dialog.getByLabel('Sede INPS');
    const cric = office.locator('option', { hasText: 'CRIC' }).first();
    await cric.waitFor({ state: 'attached' });
    await office.selectOption(await cric.getAttribute('value'));
    await dialog.getByRole('button', { name: 'Conferma sede' }).click();
    await page.getByText('Hai scelto la sede di inoltro').waitFor();
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.getByText('Richiesta inviata con successo!').waitFor();
    await checkScreen(page, '22-referente-conferma');
    const protocol = (await page.getByText(/Numero di protocollo:/).innerText()).split(': ')[1].trim();
    await page.getByRole('link', { name: 'Torna alla Home' }).click();
    await page.getByRole('heading', { name: 'Home page', level: 1 }).waitFor();

    // The referent's own history: regional requests, no codice fiscale column or criterion.
    await page.getByRole('link', { name: 'Storico richieste' }).click();
    await page.getByRole('tab', { name: 'Le mie richieste' }).click();
    await page.getByRole('cell', { name: protocol, exact: true }).waitFor();
    assert.equal(await page.getByRole('columnheader', { name: 'Codice fiscale' }).count(), 0);
    assert.equal(await page.locator('#history-search-criterion option[value="cf"]').count(), 0);
    await checkScreen(page, '23-referente-storico');
    await page.getByRole('link', { name: 'Statistiche' }).click();
    await page.getByRole('rowheader', { name: 'Richieste della regione' }).waitFor();
    await checkScreen(page, '24-referente-statistiche');
  });
});
