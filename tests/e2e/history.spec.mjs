// Nothing lost: each draft's earlier states come back with `Khôi phục`
// (which can itself be undone), a draft replaced by an opened file or
// deleted comes back, and the history keeps itself small (issue 12).
import {
  test, expect, field, openApp, newReport, loadSample, typeInto, waitSaved, storedKeys, PREFIX,
  historyStates, openHistory,
} from './app.mjs';

const openDraft = async (page) => {
  const keys = await storedKeys(page);
  const id = JSON.parse(keys[`${PREFIX}index`]).last_open;
  return JSON.parse(keys[`${PREFIX}draft/${id}`]);
};

const exportJson = (page) => Promise.all([
  page.waitForEvent('download'),
  page.getByRole('button', { name: 'Tải tệp JSON' }).click(),
]);

test('three states restored in turn give back exactly what was stored, and a restore can be undone', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  const versions = [['Một', '901'], ['Hai', '902'], ['Ba', '903']];
  for (const [name, received] of versions) {
    await typeInto(page, 'header.unit.name', `Phường ${name}`);
    await typeInto(page, 'figures.applications.received', received);
    await waitSaved(page);
    await exportJson(page);
  }
  await typeInto(page, 'header.unit.name', 'Phường Bốn');
  await waitSaved(page);

  const panel = await openHistory(page);
  const exported = panel.locator('.history-states li', { hasText: 'Khi xuất tệp JSON' });
  await expect(exported).toHaveCount(3);
  // The first save after opening kept the sample as it was.
  await expect(panel.locator('.history-states li', { hasText: 'Trong khi soạn' })).toHaveCount(1);

  const kept = (await historyStates(page)).filter((s) => s.state.reason === 'export');
  expect(kept).toHaveLength(3);
  for (const [name, received] of [versions[1], versions[0], versions[2]]) {
    await panel.locator('.history-states li', { hasText: `Phường ${name}` })
      .filter({ hasText: 'Khi xuất tệp JSON' }).getByRole('button', { name: 'Khôi phục' }).click();
    await expect(field(page, 'header.unit.name')).toHaveValue(`Phường ${name}`);
    await expect(field(page, 'figures.applications.received')).toHaveValue(received);
    await expect(page.locator('.banner.info')).toContainText('Đã khôi phục bản nháp');
    const state = kept.find((s) => s.draft.report.header.unit.name === `Phường ${name}`);
    const restored = await openDraft(page);
    expect(restored.report).toEqual(state.draft.report);
    expect(restored.pending).toEqual(state.draft.pending);
  }

  // Undo: the draft as it was before the last restore.
  await page.getByRole('button', { name: 'Hoàn tác khôi phục' }).click();
  await expect(field(page, 'header.unit.name')).toHaveValue('Phường Một');
  await expect(field(page, 'figures.applications.received')).toHaveValue('901');
  await page.reload();
  await expect(field(page, 'header.unit.name')).toHaveValue('Phường Một');
});

test('a deleted draft comes back from Bản nháp đã xóa', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await newReport(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await typeInto(page, 'figures.applications.received', '12');
  await waitSaved(page);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('khôi phục được trong 30 ngày');
    dialog.accept();
  });
  await page.getByRole('button', { name: 'Xóa', exact: true }).click();
  await expect(page.locator('#draft-list option', { hasText: 'Nghĩa Lộ' })).toHaveCount(0);

  const panel = await openHistory(page);
  const deleted = panel.locator('#danh-sach-da-xoa li');
  await expect(deleted).toHaveCount(1);
  await expect(deleted).toContainText('Nghĩa Lộ');
  await deleted.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
  await expect(field(page, 'figures.applications.received')).toHaveValue('12');
  await expect(page.locator('#draft-list option:checked')).toContainText('Nghĩa Lộ');
  await expect(deleted).toHaveCount(0);
  // Its own history still tells when it was deleted.
  await expect(panel.locator('#trang-thai-truoc li', { hasText: 'Khi xóa bản nháp' })).toHaveCount(1);
  await page.reload();
  await expect(page.locator('#draft-list option', { hasText: 'Nghĩa Lộ' })).toHaveCount(1);
});

test('the history of a draft stays bounded, the oldest states going first', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  // Each export keeps a state; 45 exports leave the newest 40.
  for (let i = 1; i <= 45; i++) {
    await typeInto(page, 'figures.applications.received', String(900 + i));
    await waitSaved(page);
    await exportJson(page);
  }
  await expect.poll(async () => (await historyStates(page)).length).toBe(40);
  const received = (await historyStates(page)).map((s) => s.draft.report.figures.applications.received);
  expect(Math.min(...received)).toBe(906);
  expect(Math.max(...received)).toBe(945);
});
