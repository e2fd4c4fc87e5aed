import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join as joinPath, resolve } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import {
  newIdentity,
  newRoomSecret,
  open,
  ReplayGuard,
  roomKeys,
  seal,
} from '../../src/lib/room/envelope.ts';
import { OpsReadyApp, pdfRawText } from './app-page.ts';

/**
 * A live workshop room end to end, on the real server (`npm run serve`: the built app and the
 * relay on one port), which the test starts itself so it can restart the relay mid-session.
 * Four browser contexts are four devices: the facilitator, two team members and an auditor.
 */

const DIST = resolve(process.env.OPSREADY_E2E_DIST ?? 'dist');
const PORT = Number(
  process.env.OPSREADY_E2E_ROOM_PORT ?? Number(process.env.OPSREADY_E2E_PORT ?? 4319) + 7,
);
const ORIGIN = `http://127.0.0.1:${String(PORT)}`;
const RESULTS = resolve(process.env.OPSREADY_E2E_RESULTS ?? 'test-results');
const CAPTURE = joinPath(RESULTS, `room-capture-${String(PORT)}.jsonl`);

// Long, unusual words: a three-letter name could turn up in base64 ciphertext by chance.
const BEA = 'Beatrix Quillfeather';
const CEM = 'Cemal Ostrowski';
const OLA = 'Olamide Verhoeven';
const BEA_NOTE = 'rotation log kept in the blue binder';
const CEM_NOTE = 'offline note about the hardware wallets';
const ACTION = 'Rehearse the signer rotation quarterly';
const IGG = 'Ignatius Fernsby';

let server: ChildProcess | undefined;

async function startServer(): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/serve/serve.ts',
      '--dist',
      DIST,
      '--port',
      String(PORT),
      '--capture',
      CAPTURE,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  server = child;
  await new Promise<void>((done, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('relay')) done();
    });
    child.once('exit', (code) => failed(new Error(`serve exited with ${String(code)}`)));
  });
}

async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (child?.exitCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

test.beforeAll(async () => {
  if (!existsSync(joinPath(DIST, 'index.html')))
    throw new Error(`${DIST} has no build: build it first`);
  mkdirSync(RESULTS, { recursive: true });
  rmSync(CAPTURE, { force: true });
  await startServer();
});
test.afterAll(stopServer);

interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly app: OpsReadyApp;
}

async function device(browser: Browser, width = 1280, height = 800): Promise<Device> {
  const context = await browser.newContext({ baseURL: `${ORIGIN}/`, viewport: { width, height } });
  const page = await context.newPage();
  return { context, page, app: new OpsReadyApp(page) };
}

async function join(
  d: Device,
  link: string,
  name: string,
  role: 'team' | 'auditor',
): Promise<void> {
  await d.page.goto(link);
  await expect(d.page.getByRole('heading', { level: 1, name: 'Live workshop room' })).toBeVisible();
  await d.page.getByLabel('Your name').fill(name);
  await d.page
    .getByLabel(role === 'auditor' ? /Auditor \(verifying/ : /Team member \(self/)
    .check();
  await d.page.getByRole('button', { name: 'Join the room' }).click();
  await expect(d.page.getByText(`You are ${name}`)).toBeVisible();
}

const answer = async (d: Device, level: RegExp, note?: string): Promise<void> => {
  const form = d.page.getByRole('group', { name: /^Your answer/ });
  if (note !== undefined) {
    await form.getByLabel(/^Your note/).fill(note);
  }
  await form.getByRole('radio', { name: level }).check();
};

test('a live room: four devices answer, lock, reveal, agree, drop, survive a relay restart, and the relay sees only ciphertext', async ({
  browser,
}, info) => {
  test.setTimeout(300_000);
  const facilitator = await device(browser);
  const f = facilitator.page;
  await f.goto('./#/report');
  await facilitator.app.loadDemo();
  await facilitator.app.navigate('Workshop');
  await f.getByRole('button', { name: 'Open a live room' }).click();
  const linkField = f.getByLabel(/^Room link/);
  await expect(linkField).toHaveValue(/#\/room\//);
  const link = await linkField.inputValue();
  expect(new URL(link).origin).toBe(ORIGIN);
  const secret = /#\/room\/([^.]+)\./.exec(link)?.[1] ?? '';
  await expect(f.getByRole('img', { name: 'QR code of the room link' })).toBeVisible();
  await expect(f.getByRole('status').filter({ hasText: /^Connected/ })).toBeVisible();

  const bea = await device(browser, 390, 844);
  const cem = await device(browser);
  const ola = await device(browser);
  await join(bea, link, BEA, 'team');
  await join(cem, link, CEM, 'team');
  await join(ola, link, OLA, 'auditor');
  const members = f.getByRole('table', { name: 'People in the live room' });
  for (const name of [BEA, CEM, OLA]) {
    await expect(members.getByRole('row', { name: new RegExp(name) })).toContainText('yes');
  }
  await expect(f.getByText('3 of 3 participants connected')).toBeVisible();

  // Everyone sees the presentation's control, KEY-01, and answers it on their own device.
  for (const d of [bea, cem, ola]) {
    await expect(d.page.getByRole('heading', { level: 2, name: /^KEY-01 / })).toBeVisible();
  }
  await answer(bea, /^3 /, BEA_NOTE);
  await answer(cem, /^1 /);
  await answer(ola, /^0 /);
  await expect(f.getByText(/3 of 3 answered KEY-01/)).toBeVisible();
  // Not shown on the facilitator's (projected) screen until revealed: nobody is anchored.
  await expect(f.getByText(BEA_NOTE)).toHaveCount(0);
  await bea.page.screenshot({ path: info.outputPath('participant-390.png'), fullPage: true });
  await bea.app.expectNoSeriousAxeViolations();

  // Lock: answers no longer change; a late change on a participant's device does not count.
  await f.getByRole('button', { name: 'Lock answers' }).click();
  const locked = cem.page.getByRole('group', { name: /locked by the facilitator/ });
  await expect(locked.getByRole('radio').first()).toBeDisabled();
  await f.getByRole('button', { name: 'Reveal the spread' }).click();
  const spread = f.getByRole('list').filter({ hasText: BEA_NOTE });
  await expect(spread.first()).toBeVisible();
  await expect(bea.page.getByRole('heading', { name: 'What everyone answered' })).toBeVisible();
  await expect(bea.page.getByText(`“${BEA_NOTE}”`)).toBeVisible();
  // The answers are in the assessment now, as participants: the presentation shows them.
  const said = f.getByRole('region', { name: 'What each participant answered' });
  await expect(said).toContainText(`${BEA} (team)`);
  await expect(said).toContainText(`${OLA} (auditor)`);
  await f.screenshot({ path: info.outputPath('facilitator-1280.png'), fullPage: true });
  await facilitator.app.expectNoSeriousAxeViolations();

  // Agreement and an action, both ways.
  await f.getByRole('button', { name: /^1 Initial/ }).click();
  await expect(bea.page.getByText(/Agreed: 1 Initial by/)).toBeVisible();
  await bea.page.getByLabel('What to add').selectOption('action');
  await bea.page.getByLabel('Text', { exact: true }).fill(ACTION);
  await bea.page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(f.getByText(`${BEA} added an action on KEY-01.`)).toBeVisible();
  await expect(ola.page.getByRole('list', { name: 'Actions on KEY-01' })).toContainText(ACTION);

  // The room moves on; Cem drops off the network, keeps answering, and comes back.
  await f.getByRole('button', { name: 'Next (j)' }).click();
  await expect(cem.page.getByRole('heading', { level: 2, name: /^KEY-02 / })).toBeVisible();
  await cem.context.setOffline(true);
  await expect(cem.page.getByText(/^Offline/)).toBeVisible();
  await answer(cem, /^2 /, CEM_NOTE);
  await expect(cem.page.getByText('Your answer is kept here')).toBeVisible();
  await expect(f.getByText(/0 of 3 answered KEY-02/)).toBeVisible();
  await cem.context.setOffline(false);
  await expect(f.getByText(/1 of 3 answered KEY-02/)).toBeVisible();

  // The relay restarts mid-session: every device reconnects and the room carries on.
  await stopServer();
  await expect(f.getByText(/^Relay unreachable/)).toBeVisible();
  await startServer();
  await expect(f.getByRole('status').filter({ hasText: /^Connected/ })).toBeVisible({
    timeout: 20_000,
  });
  await answer(ola, /^1 /);
  await answer(bea, /^2 /);
  await expect(f.getByText(/3 of 3 answered KEY-02/)).toBeVisible({ timeout: 20_000 });
  await f.getByRole('button', { name: 'Reveal the spread' }).click();
  await expect(cem.page.getByText(`“${CEM_NOTE}”`)).toBeVisible();

  // Hostile input, from a client that knows the room id (as the relay does) or even the key.
  const { roomId, key } = await roomKeys(secret);
  const agreedBefore = await f
    .getByRole('status')
    .filter({ hasText: /^Agreed|^Not agreed/ })
    .first()
    .innerText();
  const hostile = new WebSocket(`ws://127.0.0.1:${String(PORT)}/relay/${roomId}`, {
    origin: ORIGIN,
  });
  await new Promise((done) => hostile.once('open', done));
  const { identity: mallory } = await newIdentity();
  hostile.send('{"v":1,"from":"not a frame"}');
  const other = await roomKeys(newRoomSecret());
  hostile.send(await seal(other, mallory, 'AAAAAAAAAAA', 1, { t: 'hello' }));
  // A frame the facilitator already accepted, sent again: the capture holds every frame.
  const facilitatorId = /\.([A-Za-z0-9_-]{22})$/.exec(link)?.[1] ?? '';
  const fromBea = readFileSync(CAPTURE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { frame: string }).frame)
    .find((fr) => fr.includes('"n":1,') && !fr.includes(facilitatorId));
  if (fromBea !== undefined) hostile.send(fromBea);
  // Mallory has the key and writes as herself, claiming Bea's member id: the signature fails.
  const beaId = /"from":"([^"]+)"/.exec(fromBea ?? '')?.[1] ?? '';
  hostile.send(
    await seal({ roomId, key }, { ...mallory, memberId: beaId }, 'BBBBBBBBBBB', 1, { t: 'hello' }),
  );
  await expect(f.getByText(/Refused a message that is not a room frame/)).toBeVisible();
  await expect(f.getByText(/Refused a message that does not decrypt/)).toBeVisible();
  await expect(f.getByText(/Refused a message seen before \(replayed\)/)).toBeVisible();
  await expect(f.getByText(/Refused a message whose signature does not match/)).toBeVisible();
  // A 50 MB update is refused by the relay, which cuts its sender off and tells the room.
  const flood = new WebSocket(`ws://127.0.0.1:${String(PORT)}/relay/${roomId}`, { origin: ORIGIN });
  await new Promise((done) => flood.once('open', done));
  flood.send('x'.repeat(50 * 1024 * 1024));
  await expect(f.getByText(/relay refused a message larger than 1 MB/)).toBeVisible({
    timeout: 30_000,
  });
  // A flood of frames: the relay cuts the flooder off.
  const flooder = new WebSocket(`ws://127.0.0.1:${String(PORT)}/relay/${roomId}`, {
    origin: ORIGIN,
  });
  await new Promise((done) => flooder.once('open', done));
  for (let i = 0; i < 2_000; i++) flooder.send('{}');
  await expect(f.getByText(/cut off a connection that sent messages faster/).first()).toBeVisible({
    timeout: 20_000,
  });
  hostile.close();
  // A participant claiming another's name is refused and told so.
  const impostor = await device(browser);
  // Every frame the impostor's browser is given, from here on.
  const heard: string[] = [];
  impostor.page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => {
      if (typeof frame.payload === 'string') heard.push(frame.payload);
    });
  });
  await impostor.page.goto(link);
  await impostor.page.getByLabel('Your name').fill(`  ${BEA.toUpperCase()} `);
  await impostor.page.getByRole('button', { name: 'Join the room' }).click();
  await expect(impostor.page.getByText(/refused this name: .*already taken/)).toBeVisible();
  await expect(f.getByText(/already taken by another participant/).first()).toBeVisible();
  // They take a name of their own and are let in: they see the room like anyone.
  await impostor.page.getByLabel('Your name').fill(IGG);
  await impostor.page.getByRole('button', { name: 'Join the room' }).click();
  await expect(impostor.page.getByText(`You are ${IGG}`)).toBeVisible();
  await expect(impostor.page.getByRole('heading', { level: 2, name: /^KEY-02 / })).toBeVisible();
  await expect(members.getByRole('row', { name: new RegExp(IGG) })).toContainText('yes');

  // Removed, the room moves to a new key without them; the others follow by themselves.
  await f.getByRole('button', { name: `Remove ${IGG} from the room`, exact: true }).click();
  await expect(
    impostor.page.getByText('The facilitator removed you from this room.'),
  ).toBeVisible();
  const rekeyed = f.getByRole('region', { name: 'The room has a new key' });
  await expect(rekeyed).toContainText(`${IGG} was removed`);
  await expect(f.getByRole('img', { name: 'QR code of the room link' })).toHaveCount(0);
  await expect(f.getByLabel(/^Room link/)).toHaveCount(0);
  await expect(f.getByText(`moved to a new key without ${IGG}: 3 participants`)).toBeVisible();
  for (const d of [bea, cem, ola]) {
    await expect(d.page.getByText(/room moved to a new key; you are still in it/)).toBeVisible();
  }
  await expect(f.getByText('3 of 3 participants connected')).toBeVisible();
  // Frames already on their way when the others left the old room may still land; then none.
  await f.waitForTimeout(1_000);
  expect(heard.length).toBeGreaterThan(0);
  const cut = heard.length;
  const capturedAtCut = readFileSync(CAPTURE, 'utf8').trim().split('\n').length;
  // The facilitator's new changes reach everyone remaining, and the answers come back.
  await f.getByRole('button', { name: 'Next (j)' }).click();
  for (const d of [bea, cem, ola]) {
    await expect(d.page.getByRole('heading', { level: 2, name: /^KEY-03 / })).toBeVisible();
  }
  await answer(bea, /^2 /);
  await answer(cem, /^1 /);
  await expect(f.getByText(/2 of 3 answered KEY-03/)).toBeVisible();
  // A remaining participant reloading with the first link lands in the current room, as before.
  await cem.page.reload();
  await expect(cem.page.getByText(`You are ${CEM}`)).toBeVisible();
  await expect(cem.page.getByRole('heading', { level: 2, name: /^KEY-03 / })).toBeVisible();
  await expect(
    cem.page.getByRole('group', { name: /^Your answer/ }).getByRole('radio', { name: /^1 / }),
  ).toBeChecked();
  await expect(f.getByText('3 of 3 participants connected')).toBeVisible();
  // The removed browser: still connected to the room it had, which is now empty.
  await expect(impostor.page.getByRole('heading', { name: /KEY-03/ })).toHaveCount(0);
  const guard = new ReplayGuard();
  const readable = [];
  for (const frame of heard.slice(cut)) {
    if ((await open({ roomId, key }, frame, guard)).ok) readable.push(frame);
  }
  expect(readable).toEqual([]);
  // What the relay carried since, by room and sender.
  const since = readFileSync(CAPTURE, 'utf8')
    .trim()
    .split('\n')
    .slice(capturedAtCut)
    .map((l) => JSON.parse(l) as { room: string; frame: string })
    .map((c) => ({ room: c.room, from: /"from":"([^"]+)"/.exec(c.frame)?.[1] }));
  const oldRoomSenders = new Set(since.filter((c) => c.room === roomId).map((c) => c.from));
  // Everyone still in (the facilitator and three participants, who all wrote in the new room)...
  const newRoomSenders = new Set(since.filter((c) => c.room !== roomId).map((c) => c.from));
  expect(newRoomSenders).toContain(facilitatorId);
  expect(newRoomSenders).toContain(beaId);
  expect(newRoomSenders.size).toBeGreaterThanOrEqual(4);
  // ...sent nothing more in the old room: at most the removed browser is left writing there.
  expect([...oldRoomSenders].filter((id) => newRoomSenders.has(id))).toEqual([]);
  expect(oldRoomSenders.size).toBeLessThanOrEqual(1);
  await impostor.page.reload();
  await expect(
    impostor.page.getByText('The facilitator removed you from this room.'),
  ).toBeVisible();

  // The facilitator's tab reloads mid-session: the room resumes on the same key and control.
  await f.reload();
  await expect(f.getByText('Room resumed after a reload.')).toBeVisible();
  await expect(f.getByRole('region', { name: 'The room has a new key' })).toBeVisible();
  await expect(f.locator('.presentation-title .control-id')).toHaveText('KEY-03');
  await expect(f.getByText('3 of 3 participants connected')).toBeVisible({ timeout: 20_000 });
  await expect(f.getByText(/2 of 3 answered KEY-03/)).toBeVisible();
  await expect(bea.page.getByRole('heading', { level: 2, name: /^KEY-03 / })).toBeVisible();
  await expect(
    bea.page.getByRole('group', { name: /^Your answer/ }).getByRole('radio', { name: /^2 / }),
  ).toBeChecked();
  await answer(ola, /^3 /);
  await expect(f.getByText(/3 of 3 answered KEY-03/)).toBeVisible();

  // The new link, shown on purpose, is another; given to the removed device, its old identity
  // is refused there too, and the facilitator can re-key again without it.
  await f.getByRole('button', { name: 'Show the new link and QR code' }).click();
  const newLink = await f.getByLabel(/^Room link/).inputValue();
  const newSecret = /#\/room\/([^.]+)\./.exec(newLink)?.[1] ?? '';
  expect(newSecret).not.toBe(secret);
  expect(newLink.endsWith(`.${facilitatorId}`)).toBe(true);
  await expect(f.getByRole('img', { name: 'QR code of the room link' })).toBeVisible();
  await impostor.page.goto(newLink);
  await impostor.page.reload();
  await expect(
    impostor.page.getByText('The facilitator removed you from this room.'),
  ).toBeVisible();
  await expect(f.getByText(/who was removed and is back with the current link/)).toBeVisible();
  await f.getByRole('button', { name: `Re-key the room without ${IGG}`, exact: true }).click();
  // The log starts again with the reload: this line is the second re-key's.
  await expect(f.getByText(`moved to a new key without ${IGG}: 3 participants`)).toBeVisible();
  await expect(f.getByText('3 of 3 participants connected')).toBeVisible({ timeout: 20_000 });
  // With a fresh identity (this tab's storage gone) the first link opens an empty room.
  await impostor.page.goto(link);
  await impostor.page.evaluate('sessionStorage.clear()');
  await impostor.page.reload();
  await impostor.page.getByLabel('Your name').fill('Quentin Marlowe-Ashby');
  await impostor.page.getByRole('button', { name: 'Join the room' }).click();
  await expect(impostor.page.getByText(/waiting for the facilitator/)).toBeVisible();
  await f.waitForTimeout(2_000);
  await expect(members.getByRole('row', { name: /Quentin/ })).toHaveCount(0);
  await expect(impostor.page.getByRole('heading', { level: 2 })).toHaveCount(0);
  // Nothing already agreed changed.
  await f.getByRole('button', { name: 'Previous (k)' }).click();
  await expect(bea.page.getByRole('heading', { level: 2, name: /^KEY-02 / })).toBeVisible();
  await f.getByRole('button', { name: 'Previous (k)' }).click();
  await expect(f.getByText(/Agreed: 1 Initial/)).toBeVisible();
  expect(agreedBefore).toBeTruthy();

  // The facilitator's assessment is the one of record: the PDF lists the participants.
  await facilitator.app.navigate('Report');
  const pdf = await facilitator.app.exportPdf(info.outputPath('room.pdf'));
  const text = pdfRawText(pdf.path).replace(/\s+/g, ' ');
  for (const name of [BEA, CEM, OLA]) expect(text).toContain(name);
  expect(text).not.toContain(IGG);
  expect(text).toContain(ACTION);

  // Closing ends the room for everyone.
  await facilitator.app.navigate('Workshop');
  await f.getByRole('button', { name: 'Close the room' }).click();
  await f.getByRole('button', { name: 'Close the room for everyone' }).click();
  await expect(bea.page.getByText('The facilitator closed this room.')).toBeVisible();
  await expect(f.getByRole('button', { name: 'Open a live room' })).toBeVisible();

  // Every frame the relay forwarded, in both its lives: none carries a name, a note or the key.
  const frames = readFileSync(CAPTURE, 'utf8').trim().split('\n');
  expect(frames.length).toBeGreaterThan(50);
  const plain = [BEA, CEM, OLA, IGG, BEA_NOTE, CEM_NOTE, ACTION, secret, newSecret, 'Halcyon'];
  for (const line of frames) {
    for (const word of plain) expect(line.toLowerCase()).not.toContain(word.toLowerCase());
  }
  for (const d of [facilitator, bea, cem, ola]) d.app.expectOnlySameOriginRequests();
  // The only console errors allowed are the browser's own about the relay being down a moment.
  for (const d of [facilitator, bea, cem, ola]) {
    expect(d.app.errors.filter((e) => !/WebSocket connection to .* failed/.test(e))).toEqual([]);
  }
});
