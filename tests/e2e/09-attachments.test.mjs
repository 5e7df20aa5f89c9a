// Attachments of a new message: a file too large is refused before it is sent, a file whose
// content is not what its name says is refused by the server, a good one uploads with a progress
// bar, one is removed through *Rimuovi allegato*, and the sent one downloads from the
// conversation under its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, checkScreen, signIn, createRequest, inpsAnswers } from './helpers.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MZ = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);

test('attachments: checked before and after sending, progress, removal, download', async () => {
  const created = await createRequest('operatore1', 'Si chiede il riesame della pratica.');
  await inpsAnswers(created.id, 'Inviare la documentazione.');
  await withPage('attachments', async (page) => {
    await signIn(page, 'operatore1');
    await page.goto(`${page.base}/richieste/${created.id}`);
    await page.getByRole('heading', { name: 'Dettaglio richiesta selezionata' }).waitFor();
    const chooser = page.locator('#follow-up-attachments');

    await chooser.setInputFiles({ name: 'grande.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 * 1024 * 1024 + 1, 0x20) });
    await page.getByRole('alert').filter({ hasText: 'grande.pdf: Il file supera la dimensione massima di 6 MB.' }).waitFor();

    await chooser.setInputFiles({ name: 'programma.pdf', mimeType: 'application/pdf', buffer: MZ });
    await page.getByRole('alert').filter({ hasText: /programma\.pdf: Il contenuto del file non corrisponde all'estensione/ }).waitFor();
    await checkScreen(page, '60-allegati-rifiutati');

    // Uploads throttled to 256 KB/s, so that the 1 MB scan takes a few seconds and shows its bar.
    const network = await page.context().newCDPSession(page);
    await network.send('Network.enable');
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
    const scan = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
    await chooser.setInputFiles({ name: 'scansione.pdf', mimeType: 'application/pdf', buffer: scan });
    const bar = page.getByRole('progressbar', { name: 'Caricamento di scansione.pdf' });
    await bar.waitFor();
    await checkScreen(page, '64-allegato-in-caricamento');
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await chooser.setInputFiles([
      { name: 'estratto conto.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'nota.txt', mimeType: 'text/plain', buffer: Buffer.from('Città di residenza: Pomezia\n', 'latin1') },
    ]);
    const list = page.getByRole('list', { name: 'File allegati' });
    await list.getByText('scansione.pdf').waitFor();
    await list.getByText('estratto conto.pdf').waitFor();
    await list.getByText('nota.txt').waitFor();
    await checkScreen(page, '61-allegati-caricati');

    await page.getByRole('button', { name: 'Rimuovi nota.txt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rimuovi allegato' });
    await dialog.waitFor();
    await checkScreen(page, '62-rimuovi-allegato');
    await dialog.getByRole('button', { name: 'Rimuovi' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await list.getByText('nota.txt').count(), 0);

    await page.getByLabel('Nuovo messaggio').fill('Si allega l\'estratto conto.');
    await page.getByRole('button', { name: 'Invia messaggio' }).click();
    await page.getByRole('status').filter({ hasText: 'Messaggio inviato.' }).waitFor();
    const sent = page.locator('.conversation').getByRole('button', { name: 'estratto conto.pdf' });
    await sent.waitFor();
    await checkScreen(page, '63-allegato-inviato');
    const [download] = await Promise.all([page.waitForEvent('download'), sent.click()]);
    assert.equal(download.suggestedFilename(), 'estratto conto.pdf');
    const saved = await download.createReadStream();
    const chunks = [];
    for await (const chunk of saved) chunks.push(chunk);
    assert.deepEqual(Buffer.concat(chunks), PDF, 'the download is the file that was sent');
  });
});
