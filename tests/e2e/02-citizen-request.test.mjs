// The whole citizen request for Mario Bianchi: codice fiscale checked as typed, the omocodia
// chooser, the delega, the heir-pension error, topic by keyword, counters, the proposed office
// and the change-office dialog, the summary, Invia, and both shortcuts of the confirmation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, checkScreen, signIn, pick } from './helpers.mjs';

const HEIR = 'Per il codice fiscale inserito, associato al numero della pensione indicata, non può essere richiesta alcuna informazione in quanto si riferisce a soggetto diverso da: Titolare, Amministratore di sostegno, Tutore.';

const TEXT = 'Si chiede lo stato della domanda NASPI presentata a gennaio.';
const NOTES = 'Il cittadino è reperibile al mattino.';

async function focusedText(page) {
  return page.evaluate(() => document.activeElement?.textContent?.trim());
}

async function chooseOption(select, text) {
  const option = select.locator('option', { hasText: text }).first();
  await option.waitFor({ state: 'attached' });
  await select.selectOption(await option.getAttribute('value'));
}

test('an operator sends a request for Mario Bianchi, then the same request for Giuseppe Rossi', async () => {
  await withPage('citizen-request', async (page) => {
    await signIn(page, 'operatore1');
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Nuova richiesta' }).click();
    await page.getByRole('heading', { name: 'Individuazione cittadino' }).waitFor();
    assert.equal(await focusedText(page), 'Individuazione cittadino');

    // The codice fiscale is checked as it is typed, with the domain's rules.
    const cf = page.getByRole('textbox', { name: /^Codice fiscale/ });
    const continua = page.getByRole('button', { name: 'Continua' });
    await cf.fill('bncmra50a01h501x');
    await page.getByText('Il carattere di controllo non è corretto: atteso U').waitFor();
    assert.ok(await continua.isDisabled());
    await cf.fill('BNCMRAX');
    await page.getByText('Il carattere in posizione 7 del codice fiscale non è valido').waitFor();
    await cf.fill('BNCMRA50A01H501U');
    await checkScreen(page, '10-wizard-cittadino');
    await continua.click();

    // Omocodia: two people share the code; the operator picks one.
    await page.getByText('Sono stati trovati più utenti con lo stesso codice fiscale').waitFor();
    await page.getByText('residente in Via dei Castelli Romani 12, 00071 POMEZIA (RM)').waitFor();
    await checkScreen(page, '11-wizard-omocodia');
    await page.locator('label', { hasText: 'MARIO BIANCHI — BNCMRA50A01H501U' }).click();
    await page.getByRole('heading', { name: 'Hai selezionato' }).waitFor();

    // No delega, no next step.
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.getByText('Per proseguire dichiara di essere in possesso della delega.').waitFor();
    await pick(page, /Dichiaro di essere in possesso della delega/);
    await checkScreen(page, '12-wizard-delega');
    await page.getByRole('button', { name: 'Continua' }).click();

    await page.getByRole('heading', { name: 'Compilazione' }).waitFor();
    assert.equal(await focusedText(page), 'Compilazione');
    await page.getByText('Per conto di: MARIO BIANCHI').waitFor();
    await pick(page, 'Prestazione in corso o respinta');
    await page.getByLabel('Tipo di riferimento').selectOption('pension');
    // Checked as soon as it is filled: the heir may not ask.
    await page.getByLabel('Numero pensione').fill('87654321');
    await page.getByLabel('Numero pensione').press('Tab');
    await page.locator('#practice-number-error').filter({ hasText: HEIR }).waitFor();
    assert.equal(await page.getByLabel('Numero pensione').getAttribute('aria-invalid'), 'true');
    await checkScreen(page, '13-wizard-pensione-erede');
    await page.getByLabel('Numero pensione').fill('12345678');
    await page.getByLabel('Numero pensione').press('Tab');
    await page.getByText('Riferimento verificato: il cittadino risulta Titolare.').waitFor();

    await page.getByLabel('Parola chiave').fill('naspi');
    await page.getByText('1 argomenti trovati.').waitFor();
    await pick(page, 'NASPI');
    await page.getByText('Argomento selezionato:').waitFor();
    await page.getByLabel('Testo della richiesta').fill(TEXT);
    await page.getByText(`${TEXT.length}/4000 caratteri`).waitFor();
    await page.getByLabel('Inserisci ulteriori note (facoltativo)').fill(NOTES);
    await page.getByText(`${NOTES.length}/2000 caratteri`).waitFor();
    await checkScreen(page, '14-wizard-compilazione');
    await page.getByRole('button', { name: 'Prosegui' }).click();

    // The proposed office, from the residence CAP and the topic.
    await page.getByRole('heading', { name: 'Riepilogo e inoltro' }).waitFor();
    await page.locator('.office-card').getByText('POMEZIA', { exact: true }).waitFor();
    await page.getByText('Via Pontina Km 28.400, 00071 Pomezia').first().waitFor();
    await checkScreen(page, '15-wizard-riepilogo');

    // Change-office dialog: focus moves in, Regione → Provincia → Sede, focus comes back.
    const change = page.getByRole('button', { name: 'Modifica sede' });
    await change.click();
    const dialog = page.getByRole('dialog', { name: 'Modifica la sede di inoltro' });
    await dialog.waitFor();
    assert.equal(await focusedText(page), 'Modifica la sede di inoltro');
    // Tab stays inside the dialog: backwards from the title to its last button.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedText(page), 'Conferma sede');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'office-region', 'Tab wraps from the last button to the first control');
    await chooseOption(dialog.getByLabel('Regione'), 'Lazio');
    await chooseOption(dialog.getByLabel('Provincia'), 'Roma');
    await chooseOption(dialog.getByLabel('Sede', { exact: true }), 'POMEZIA');
    await checkScreen(page, '16-wizard-modifica-sede');
    await dialog.getByRole('button', { name: 'Conferma sede' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focusedText(page), 'Modifica sede');
    await page.getByText('Hai scelto la sede di inoltro').waitFor();
    // Escape closes it too, focus back on the button.
    await change.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focusedText(page), 'Modifica sede');

    const summary = page.locator('main');
    for (const text of ['Giulia Rossi', 'NASPI', 'Numero pensione: 12345678', 'BNCMRA50A01H501U', '01/01/1950']) {
      await summary.getByText(text, { exact: false }).first().waitFor();
    }
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.getByText('Richiesta inviata con successo per conto di MARIO BIANCHI').waitFor();
    await page.getByText(/Numero di protocollo: INPS\.7013\./).waitFor();
    await checkScreen(page, '17-wizard-conferma');

    // The same request for another citizen: found by anagrafica among homonyms.
    await page.getByRole('button', { name: 'Se vuoi aprire la medesima richiesta per un altro utente clicca qui' }).click();
    await page.getByRole('heading', { name: 'Individuazione cittadino' }).waitFor();
    await pick(page, 'Ricerca per Anagrafica');
    await page.getByLabel('Cognome').fill('Rossi');
    await page.getByLabel('Nome', { exact: true }).fill('Giuseppe');
    assert.ok(await page.getByRole('button', { name: 'Continua' }).isDisabled(), 'Continua waits for all three fields');
    await page.getByLabel('Data di nascita').fill('1960-05-12');
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.getByText('Sono stati trovati più utenti con gli stessi dati anagrafici').waitFor();
    await page.locator('label', { hasText: 'GIUSEPPE ROSSI — RSSGPP60E12F839K' }).click();
    await pick(page, /Dichiaro di essere in possesso della delega/);
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.getByText('Per conto di: GIUSEPPE ROSSI').waitFor();
    assert.equal(await page.getByLabel('Testo della richiesta').inputValue(), TEXT);
    assert.ok(await page.getByLabel('Prestazione in corso o respinta').isChecked());
    // The practice reference belonged to Mario Bianchi: it is asked again.
    await page.getByRole('button', { name: 'Prosegui' }).click();
    await page.getByText('Inserisci il riferimento della pratica.').first().waitFor();
    await pick(page, 'Requisiti e modalità di accesso ai servizi');
    await page.getByRole('button', { name: 'Prosegui' }).click();
    await page.getByRole('heading', { name: 'Riepilogo e inoltro' }).waitFor();
    await page.locator('.office-card').waitFor();
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.getByText('Richiesta inviata con successo per conto di GIUSEPPE ROSSI').waitFor();

    // A new request for the same citizen starts from the chosen person.
    await page.getByRole('button', { name: 'Se vuoi aprire una nuova richiesta per il medesimo utente clicca qui' }).click();
    await page.getByRole('heading', { name: 'Hai selezionato' }).waitFor();
    await page.getByText('RSSGPP60E12F839K').waitFor();
  });
});

test('the wizard works on a 360 px phone', async () => {
  await withPage('phone', async (page) => {
    await signIn(page, 'operatore2');
    await checkScreen(page, '18-home-360');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Statistiche' }).waitFor();
    await checkScreen(page, '18b-menu-360');
    await page.getByRole('link', { name: 'Nuova richiesta', exact: true }).click();
    await page.getByRole('heading', { name: 'Individuazione cittadino' }).waitFor();
    await checkScreen(page, '19-wizard-360');
  }, { viewport: { width: 360, height: 740 } });
});
