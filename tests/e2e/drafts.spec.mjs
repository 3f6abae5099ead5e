// Several drafts: open, rename, duplicate, delete with confirmation; the app
// reopens on the last one. Bad storage states get a Vietnamese message and
// lose nothing: another tab editing the same draft, full storage, a broken copy.
import { readFileSync } from 'node:fs';
import {
  test, expect, field, openApp, newReport, loadSample, typeInto, waitSaved, storedKeys, PREFIX,
  historyStates, openHistory,
} from './app.mjs';

const draftList = (page) => page.locator('#draft-list');
const draftNames = (page) => draftList(page).locator('option').allTextContents();

test('drafts are opened, renamed, duplicated and deleted, and the last one reopens', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  // The first start opens an empty report; left untouched, it makes way.
  expect(await draftNames(page)).toHaveLength(1);
  await loadSample(page);
  await expect(draftList(page).locator('option:checked')).toHaveText('Quý I/2025 – phường Trương Quang Trọng');
  expect(await draftNames(page)).toHaveLength(1);
  await newReport(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(page);
  // The name follows the unit until the user names the draft.
  await expect(draftList(page).locator('option:checked')).toContainText('xã Nghĩa Lộ');

  page.once('dialog', (dialog) => dialog.accept('Bản nháp của Nghĩa Lộ'));
  await page.getByRole('button', { name: 'Đổi tên' }).click();
  await expect(draftList(page).locator('option:checked')).toHaveText('Bản nháp của Nghĩa Lộ');

  await page.getByRole('button', { name: 'Nhân bản' }).click();
  await expect(draftList(page).locator('option:checked')).toHaveText('Bản nháp của Nghĩa Lộ (bản sao)');
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
  expect(await draftNames(page)).toHaveLength(3);

  // Opening another draft shows its values.
  await draftList(page).selectOption({ label: 'Quý I/2025 – phường Trương Quang Trọng' });
  await expect(field(page, 'figures.applications.received')).toHaveValue('847');

  // Delete asks first; cancelling keeps the draft.
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Xóa', exact: true }).click();
  expect(await draftNames(page)).toHaveLength(3);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Quý I/2025 – phường Trương Quang Trọng');
    dialog.accept();
  });
  await page.getByRole('button', { name: 'Xóa', exact: true }).click();
  await expect(page.locator('.banner')).toContainText('Đã xóa bản nháp');
  expect(await draftNames(page)).not.toContain('Quý I/2025 – phường Trương Quang Trọng');
  const keys = Object.keys(await storedKeys(page)).filter((key) => key.includes('/draft/'));
  expect(keys).toHaveLength(2);

  // The app reopens on the draft open last.
  await draftList(page).selectOption({ label: 'Bản nháp của Nghĩa Lộ' });
  await waitSaved(page);
  await page.reload();
  await expect(draftList(page).locator('option:checked')).toHaveText('Bản nháp của Nghĩa Lộ');
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
});

const nameIn = (page) => field(page, 'header.unit.name');

/// A new report typed into (`Tab một`) and saved in `page`, then opened in a
/// second tab that saves it too (`Tab hai`): `page` is now in conflict.
async function otherTabSaves(page, context, appUrl) {
  await openApp(page, appUrl);
  await newReport(page);
  await typeInto(page, 'header.unit.name', 'Tab một');
  await waitSaved(page);
  const other = await context.newPage();
  await openApp(other, appUrl);
  await expect(nameIn(other)).toHaveValue('Tab một');
  await typeInto(other, 'header.unit.name', 'Tab hai');
  await waitSaved(other);
  return other;
}

test('another tab changing the same draft: typing here is kept aside until the user chooses', async ({ page, appUrl, context }) => {
  const other = await otherTabSaves(page, context, appUrl);

  const banner = page.locator('#conflict');
  await expect(banner).toContainText('vừa được sửa ở một thẻ');
  // Typing here does not overwrite the other tab's save: it goes to the history.
  await typeInto(page, 'header.unit.name', 'Tab một sửa tiếp');
  await expect(page.locator('#save-status')).toContainText('được giữ trong Lịch sử');
  const id = JSON.parse((await storedKeys(page))[`${PREFIX}index`]).last_open;
  const stored = () => storedKeys(page).then((keys) => JSON.parse(keys[`${PREFIX}draft/${id}`]));
  expect((await stored()).report.header.unit.name).toBe('Tab hai');
  await expect.poll(async () => (await historyStates(page)).map((s) => s.draft.report.header.unit.name))
    .toContain('Tab một sửa tiếp');

  // Take theirs: this tab's text stays in the history.
  await banner.getByRole('button', { name: 'Lấy bản ở thẻ kia' }).click();
  await expect(nameIn(page)).toHaveValue('Tab hai');
  await expect(banner).toHaveCount(0);
  const panel = await openHistory(page);
  await expect(panel.locator('.history-states li', { hasText: 'Bản ở thẻ (tab) này khi có xung đột' }).first())
    .toContainText('Tab một sửa tiếp');
  await typeInto(page, 'header.unit.name', 'Tab một lại');
  await waitSaved(page);
  expect((await stored()).report.header.unit.name).toBe('Tab một lại');

  // Keep mine, in the other tab: the first tab's copy goes to the history.
  const otherBanner = other.locator('#conflict');
  await expect(otherBanner).toBeVisible();
  await otherBanner.getByRole('button', { name: 'Giữ bản ở thẻ này' }).click();
  await expect(otherBanner).toHaveCount(0);
  await expect.poll(async () => (await stored()).report.header.unit.name).toBe('Tab hai');
  await expect.poll(async () => (await historyStates(page))
    .filter((s) => s.state.reason === 'other-tab').map((s) => s.draft.report.header.unit.name))
    .toContain('Tab một lại');

  // Keep both: this tab's copy becomes a second draft.
  await expect(banner).toBeVisible();
  await typeInto(page, 'header.unit.name', 'Tab một riêng');
  await banner.getByRole('button', { name: 'Giữ cả hai (thành hai bản nháp)' }).click();
  await expect(banner).toHaveCount(0);
  await expect(nameIn(page)).toHaveValue('Tab một riêng');
  await waitSaved(page);
  const names = await draftNames(page);
  expect(names.filter((n) => n.includes('Tab hai'))).toHaveLength(1);
  expect(names.filter((n) => n.includes('Tab một riêng'))).toHaveLength(1);
  expect((await stored()).report.header.unit.name).toBe('Tab hai');
});

test('a bug stopping a tab in conflict keeps its typing in the history, not over the other tab', async ({ page, appUrl, context }) => {
  const other = await otherTabSaves(page, context, appUrl);
  await expect(page.locator('#conflict')).toBeVisible();
  await typeInto(page, 'header.unit.name', 'Tab một trước khi lỗi');
  await page.evaluate(() => dispatchEvent(new Event('cchc-simulate-crash')));
  await expect(page.locator('#loi-ung-dung')).toContainText('được giữ trong «Lịch sử» của bản nháp');
  const id = JSON.parse((await storedKeys(page))[`${PREFIX}index`]).last_open;
  expect(JSON.parse((await storedKeys(page))[`${PREFIX}draft/${id}`]).report.header.unit.name).toBe('Tab hai');
  await expect.poll(async () => (await historyStates(other)).map((s) => s.draft.report.header.unit.name))
    .toContain('Tab một trước khi lỗi');
});

test('two tabs typing into the same field in turn for 20 s lose no text without asking', async ({ page, appUrl, context }) => {
  test.setTimeout(120_000);
  await openApp(page, appUrl);
  await newReport(page);
  await typeInto(page, 'header.unit.name', 'Bắt đầu');
  await waitSaved(page);
  const other = await context.newPage();
  await openApp(other, appUrl);
  await expect(nameIn(other)).toHaveValue('Bắt đầu');
  const tabs = [page, other];
  const choices = ['Giữ bản ở thẻ này', 'Lấy bản ở thẻ kia', 'Giữ cả hai (thành hai bản nháp)', null];
  const typed = [];
  const end = Date.now() + 20_000;
  for (let turn = 0; Date.now() < end; turn++) {
    const tab = tabs[turn % 2];
    const banner = tab.locator('#conflict');
    // Sometimes the user chooses at once, sometimes types on first.
    const choice = choices[turn % choices.length];
    if (choice && await banner.isVisible()) {
      await banner.getByRole('button', { name: choice }).click();
      await expect(banner).toHaveCount(0);
    }
    // Each turn adds to what the tab shows: a text is lost if no stored
    // text starts with it.
    await nameIn(tab).focus();
    await tab.keyboard.press('End');
    await tab.keyboard.type(` ${turn}`);
    typed.push(await nameIn(tab).inputValue());
    await expect(tab.locator('#save-status')).not.toHaveAttribute('data-pending', '1');
  }
  expect(typed.length).toBeGreaterThan(6);
  // Every text typed is in a draft or in the history.
  await expect.poll(async () => {
    const drafts = Object.entries(await storedKeys(page))
      .filter(([key]) => key.includes('/draft/'))
      .map(([, json]) => JSON.parse(json).report.header.unit.name);
    const kept = (await historyStates(page)).map((s) => s.draft.report.header.unit.name);
    const reachable = [...drafts, ...kept];
    return typed.filter((text) => !reachable.some((stored) => stored.startsWith(text)));
  }).toEqual([]);
});

test('one save writes the drafts list once, with no echo from the other tab', async ({ page, appUrl, context }) => {
  const countIndexWrites = () => {
    window.indexWrites = 0;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'bao-cao-cchc/v1/index') window.indexWrites += 1;
      return setItem.call(this, key, value);
    };
  };
  await context.addInitScript(countIndexWrites);
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  const other = await context.newPage();
  await openApp(other, appUrl);
  await other.evaluate(() => { window.indexWrites = 0; });
  await page.evaluate(() => { window.indexWrites = 0; });
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(page);
  await expect(other.locator('#draft-list option', { hasText: 'Nghĩa Lộ' })).toHaveCount(1);
  // An echo would be written by the other tab's storage event handler,
  // which has run once its list shows the new name.
  expect(await page.evaluate(() => window.indexWrites)).toBe(1);
  expect(await other.evaluate(() => window.indexWrites)).toBe(0);
});

test('a tab dropping its untouched new report does not alarm another tab showing it', async ({ page, appUrl, context }) => {
  await openApp(page, appUrl);
  await newReport(page);
  const other = await context.newPage();
  await openApp(other, appUrl);
  await expect(field(other, 'figures.applications.received')).toHaveValue('');
  // The first tab moves on: its untouched report is dropped from storage.
  await loadSample(page);
  // The other tab has heard of it once its list shows the new draft.
  await expect(other.locator('#draft-list option', { hasText: 'Trương Quang Trọng' })).toHaveCount(1);
  await expect(other.locator('.banner')).toHaveCount(0);
  // What is then typed there is saved as usual.
  await typeInto(other, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(other);
  await expect(other.locator('#draft-list option', { hasText: 'Nghĩa Lộ' })).toHaveCount(1);
  await expect(page.locator('#draft-list option', { hasText: 'Nghĩa Lộ' })).toHaveCount(1);
});

/// Fills localStorage to its quota with keys of another program.
async function fillStorage(page) {
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let n = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler-${n++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
}

test('full storage is reported in Vietnamese and what is on screen stays', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await waitSaved(page);
  await fillStorage(page);
  await typeInto(page, 'header.unit.name', 'Một cái tên khá dài để không còn chỗ lưu '.repeat(20));
  await expect(page.locator('.banner.error')).toContainText('Bộ nhớ của trình duyệt đã đầy');
  await expect(field(page, 'header.unit.name')).toHaveValue(/^Một cái tên/);
  // The status line says the change is not saved, not that it is being saved.
  const status = page.locator('#save-status');
  await expect(status).toContainText('Chưa lưu được thay đổi mới nhất (lần lưu trước lúc');
  await expect(status).not.toHaveAttribute('data-pending');
  await expect(status).toHaveAttribute('data-failed', '1');
  // Room again: the next change is saved and the message goes.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(page);
  await expect(page.locator('.banner.error')).toHaveCount(0);
  await expect(status).not.toHaveAttribute('data-failed');
});

test('starting with storage already full says it is full, not blocked', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await waitSaved(page);
  await fillStorage(page);
  await page.reload();
  await expect(page.locator('.banner.error').first()).toContainText('Bộ nhớ của trình duyệt đã đầy');
  await expect(page.locator('.banner.error')).not.toContainText('đang chặn');
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
});

/// Replaces the stored copy of the open draft with a broken one; with
/// `journalToo`, the IndexedDB journal is emptied as well.
async function breakOpenDraft(page, journalToo) {
  const id = await page.evaluate((prefix) => JSON.parse(localStorage.getItem(`${prefix}index`)).last_open, PREFIX);
  await page.evaluate(async ([prefix, id, journalToo]) => {
    localStorage.setItem(`${prefix}draft/${id}`, '{"storage_version": 1, "rep');
    if (journalToo) {
      await new Promise((done) => {
        const open = indexedDB.open('bao-cao-cchc', 1);
        open.onsuccess = () => {
          const transaction = open.result.transaction('journal', 'readwrite');
          transaction.objectStore('journal').clear();
          transaction.oncomplete = done;
        };
      });
    }
  }, [PREFIX, id, journalToo]);
  return id;
}

test('a broken stored draft with no other copy is set aside with a message, never overwritten', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(page);
  const id = await breakOpenDraft(page, true);
  await page.reload();
  await expect(page.locator('.banner.error')).toContainText('bị hỏng');
  const keys = await storedKeys(page);
  expect(keys[`${PREFIX}broken/${id}`]).toBe('{"storage_version": 1, "rep');
  expect(keys[`${PREFIX}draft/${id}`]).toBeUndefined();
  await expect(field(page, 'header.unit.name')).toBeEditable();
  // The copy set aside can be reached from the page and downloaded as it is.
  const aside = page.locator('#ban-hong');
  await expect(aside).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    aside.getByRole('button', { name: `Tải bản hỏng «ban-nhap-hong-${id}.json»` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`ban-nhap-hong-${id}.json`);
  expect(readFileSync(await download.path(), 'utf8')).toBe('{"storage_version": 1, "rep');
  // Still there after another reload: nothing drops it.
  await page.reload();
  await expect(page.locator('#ban-hong')).toBeVisible();
});

test('a broken stored draft comes back from the journal, and the broken copy is kept aside', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(page);
  const id = await breakOpenDraft(page, false);
  await page.reload();
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
  const keys = await storedKeys(page);
  expect(keys[`${PREFIX}broken/${id}`]).toBe('{"storage_version": 1, "rep');
});
