// Appointments: funzionario1 publishes a web meeting slot and closes an answer enabling
// appointments on three requests; the operator books from the request detail (a slot taken
// meanwhile by someone else is refused and the list reloaded; then two requests in one
// appointment), finds it on the home page and in its detail; "Accedi Web Meeting" opens only 15
// minutes before the start (the sandbox clock is moved one day ahead); then the operator cancels
// it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENS, withPage, checkScreen, signIn, createRequest, api, token } from './helpers.mjs';

const TOPIC = 24;

// funzionario1's office gets a consultation point for the topic and two slots: one that starts a
// day and a few minutes from the server's "now", one two days from it.
async function publishSlots() {
  const official = await token('funzionario1');
  const me = await api('GET', '/me', { token: official });
  const point = await api('POST', `/offices/${me.inps_office.id}/consultation-points`, {
    token: official,
    body: { name: 'Sportello web pensioni', topic_ids: [TOPIC], channels: ['in_person', 'web_meeting'] },
  });
  const clock = await api('GET', '/sandbox/clock', { token: official });
  const start = new Date(Date.parse(clock.now) + 24 * 3600_000 + 8 * 60_000);
  start.setUTCSeconds(0, 0);
  const publish = async (at) => (await api('POST', '/slots', {
    token: official,
    body: { point_id: point.id, duration_minutes: 30, channels: ['in_person', 'web_meeting'], starts_at: at.toISOString() },
  })).created[0];
  return [await publish(start), await publish(new Date(start.getTime() + 24 * 3600_000))];
}

// `24/02/2021 17:04` in Europe/Rome, as the SPA writes it.
function romeDateTime(iso) {
  return new Date(iso).toLocaleString('it-IT', {
    timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).replace(',', '');
}

// A request of operatore1 closed by funzionario1 with appointments enabled.
async function enabledRequest(text) {
  const created = await createRequest('operatore1', text);
  await api('POST', `/requests/${created.id}/messages`, {
    token: await token('funzionario1'),
    body: { text: 'Per chiarire la posizione è possibile prenotare un appuntamento.', enable_appointments: true },
  });
  return created;
}

test('an appointment by web meeting: booked, listed, joinable 15 minutes before, cancelled', async () => {
  const waiting = await createRequest('operatore1', 'Si chiede lo stato della domanda.');
  const created = await enabledRequest('Si chiede un appuntamento per la pensione.');
  const second = await enabledRequest('Si chiede un appuntamento anche per la seconda pratica.');
  const other = await enabledRequest('Richiesta prenotata da un altro canale.');
  const [slot, later] = await publishSlots();

  await withPage('appointments', async (page) => {
    await signIn(page, 'operatore1');
    // Not bookable yet: the button is disabled and the reason is shown.
    await page.goto(`${page.base}/richieste/${waiting.id}`);
    const disabled = page.getByRole('button', { name: 'Prenotazione appuntamento' });
    await disabled.waitFor();
    assert.equal(await disabled.isDisabled(), true);
    assert.notEqual((await page.locator('#appointment-reason').innerText()).trim(), '');
    await checkScreen(page, '79-dettaglio-non-prenotabile');

    await page.goto(`${page.base}/richieste/${created.id}`);
    await page.getByRole('heading', { name: 'Dettaglio richiesta selezionata' }).waitFor();
    const book = page.getByRole('link', { name: 'Prenotazione appuntamento' });
    await book.waitFor();
    await page.getByRole('button', { name: 'Stampa riepilogo' }).waitFor();
    await checkScreen(page, '80-dettaglio-prenotabile');

    // Printed: the request and its conversation without the interface around them.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').first().isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Stampa riepilogo' }).isVisible(), false);
    assert.equal(await page.getByRole('link', { name: 'Prenotazione appuntamento' }).isVisible(), false);
    assert.equal(await page.locator('.conversation').isVisible(), true);
    await page.screenshot({ path: path.join(SCREENS, '80-dettaglio-stampa.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The printable summary: the PDF, fetched with the token and handed over as a download.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Stampa riepilogo' }).click(),
    ]);
    assert.equal(pdf.suggestedFilename(), `riepilogo-${created.id}.pdf`);

    await book.click();
    await page.getByRole('heading', { name: 'Prenotazione appuntamento', level: 1 }).waitFor();
    await page.getByText('Il funzionario ha abilitato', { exact: false }).first().waitFor();
    await page.locator(`label[for="slot-${slot.id}"]`).waitFor();
    await checkScreen(page, '81-prenotazione-disponibilita');
    // Filtered by channel: these slots offer in person and web meeting, not phone (the demo
    // agenda of the office may have others).
    const channelFilter = page.getByLabel('Canale delle disponibilità');
    await channelFilter.selectOption('phone');
    // Loaded again (not loading, a list or its absence shown) and without these two.
    await page.waitForFunction((ids) => {
      const text = document.querySelector('main').innerText;
      const shown = document.querySelectorAll('input[name="slot"]').length > 0 || text.includes('Nessuna disponibilità');
      return !text.includes('Caricamento delle disponibilità') && shown && ids.every((id) => !document.getElementById(`slot-${id}`));
    }, [slot.id, later.id]);
    await channelFilter.selectOption('web_meeting');
    await page.locator(`label[for="slot-${later.id}"]`).waitFor();
    await page.locator(`label[for="slot-${slot.id}"]`).waitFor();

    // Without a slot: the error, announced.
    await page.getByRole('button', { name: 'Prosegui' }).click();
    await page.locator('#slot-error').getByText('Scegli una disponibilità.').waitFor();

    // The later slot, taken by someone else before the confirmation: refused, and gone.
    await page.locator(`label[for="slot-${later.id}"]`).click();
    await page.locator('label[for="channel-in_person"]').click();
    await page.getByRole('button', { name: 'Prosegui' }).click();
    await page.getByRole('heading', { name: 'Conferma la prenotazione' }).waitFor();
    await api('POST', '/appointments', {
      token: await token('operatore1'),
      body: { slot_id: later.id, channel: 'in_person', request_ids: [other.id] },
    });
    await page.getByRole('button', { name: 'Conferma prenotazione' }).click();
    await page.getByRole('alert').filter({ hasText: "L'orario scelto è stato appena prenotato" }).waitFor();
    await page.locator(`label[for="slot-${slot.id}"]`).waitFor();
    // Focus is back on the slots, not lost with the confirmation step.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'FIELDSET');
    assert.equal(await page.locator(`#slot-${later.id}`).count(), 0);

    await page.locator(`label[for="slot-${slot.id}"]`).click();
    await page.locator('label[for="channel-web_meeting"]').click();
    await page.locator(`label[for="second-${second.id}"]`).click();
    assert.equal(await page.getByRole('alert').count(), 0);
    await page.getByLabel('Note per la sede').fill('Il cittadino parteciperà dal proprio computer.');
    await page.getByRole('button', { name: 'Prosegui' }).click();
    await page.getByRole('heading', { name: 'Conferma la prenotazione' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm-title');
    await page.getByText('Web meeting', { exact: true }).waitFor();
    await page.getByText(second.protocol, { exact: false }).waitFor();
    await checkScreen(page, '82-prenotazione-conferma');
    await page.getByRole('button', { name: 'Conferma prenotazione' }).click();

    await page.getByRole('heading', { name: 'Dettaglio appuntamento', level: 1 }).waitFor();
    const appointmentUrl = page.url();
    assert.match(appointmentUrl, /\/appuntamenti\/\d+$/);
    await page.getByText('Prenotato', { exact: true }).waitFor();
    await page.getByText('Sportello web pensioni').waitFor();
    await page.getByRole('link', { name: created.protocol }).waitFor();
    await page.getByRole('link', { name: second.protocol }).waitFor();
    // Both requests are about the same citizen, named once.
    assert.equal(await page.getByText(`(${created.citizen.codice_fiscale})`).count(), 1);
    await page.getByText('Il cittadino parteciperà dal proprio computer.').waitFor();
    const join = page.getByRole('button', { name: 'Accedi Web Meeting' });
    assert.equal(await join.isDisabled(), true);
    assert.match(await page.locator('#join-when').innerText(), /\d\d\/\d\d\/\d{4} \d\d:\d\d/);
    await checkScreen(page, '83-appuntamento-prenotato');

    // The calendar event.
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Aggiungi al calendario' }).click(),
    ]);
    assert.match(ics.suggestedFilename(), /^appuntamento-\d+\.ics$/);

    // On the home page, with a link back to the detail.
    await page.goto(`${page.base}/`);
    const upcoming = page.locator('.appointments-table');
    await upcoming.getByRole('cell', { name: 'Web meeting' }).first().waitFor();
    await upcoming.getByRole('cell', { name: created.citizen.codice_fiscale }).first().waitFor();
    await checkScreen(page, '84-home-appuntamenti');
    await upcoming.getByRole('link', { name: `Apri il dettaglio dell'appuntamento del ${romeDateTime(slot.starts_at)}` }).click();
    await page.getByRole('heading', { name: 'Dettaglio appuntamento', level: 1 }).waitFor();
    assert.equal(page.url(), appointmentUrl);

    // A day later the start is minutes away: the room is open.
    await api('POST', '/sandbox/clock', { token: await token('operatore1'), body: { advance_days: 1 } });
    await page.reload();
    const room = page.getByRole('link', { name: /Accedi Web Meeting/ });
    await room.waitFor();
    assert.equal(await room.getAttribute('target'), '_blank');
    assert.match(await room.getAttribute('href'), /^https?:\/\//);
    await checkScreen(page, '85-appuntamento-web-meeting-aperto');

    // Cancelled after the confirmation; focus goes into the dialog and back.
    await page.getByRole('button', { name: 'Annulla appuntamento' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annulla appuntamento' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cancel-dialog-title');
    await checkScreen(page, '86-annulla-appuntamento');
    await dialog.getByRole('button', { name: 'Conferma annullamento' }).click();
    await page.getByRole('status').filter({ hasText: 'Appuntamento annullato.' }).waitFor();
    await page.getByText('Annullato', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Annulla appuntamento' }).count(), 0);
    await checkScreen(page, '87-appuntamento-annullato');
  });
});
