// The editor: typing the sample's figures gives the sample's derived values;
// a cross-field error shows at the field and in the summary, and clears.
import {
  test, expect, field, openApp, newReport, loadSample, typeInto, sample, vietnamese, typedDate,
} from './app.mjs';

/// Every value the app derives from the figures: ratios beside the figures,
/// computed appendix cells and notes, and the sentences written from figures.
async function derivedValues(page) {
  const figures = await page.locator('#so-lieu output[data-derived], #phu-luc output[data-derived]')
    .evaluateAll((outputs) => outputs.map((o) => [o.dataset.derived, o.textContent]));
  const sentences = await page.locator('#noi-dung output[data-sentence]')
    .evaluateAll((outputs) => outputs.map((o) => [o.dataset.sentence, o.textContent]));
  return { figures: Object.fromEntries(figures), sentences: Object.fromEntries(sentences) };
}

/// [path, typed text] for every figure of the sample, numbers written the
/// Vietnamese way (`16.091.000`); staff titles apart.
function figureEntries(value, path = 'figures') {
  if (value === null || value === undefined) return [];
  if (typeof value === 'number') return [[path, vietnamese(value)]];
  if (typeof value === 'string') return [[path, /^\d{4}-\d\d-\d\d$/.test(value) ? typedDate(value) : value]];
  if (Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => figureEntries(inner, `${path}.${key}`));
}

test('typing the sample figures by keyboard into an empty report gives the sample derived values', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  const expected = await derivedValues(page);
  expect(expected.figures['applications.resolved']).toBe('843/847 (99,52%)');
  expect(expected.sentences.one_stop_results).toContain('843/847 hồ sơ đạt 99,52%');

  await newReport(page);
  const empty = await derivedValues(page);
  expect(empty.figures['applications.resolved']).toBe('');

  // What the sentences name besides figures: the unit and the period.
  await page.selectOption('[name="header.unit.kind"]', { label: 'Phường' });
  await typeInto(page, 'header.unit.name', sample.header.unit.name);
  await page.selectOption('[name="period.kind"]', { label: 'Quý I' });
  await typeInto(page, 'period.year', String(sample.period.year));
  await typeInto(page, 'period.to', typedDate(sample.period.to));

  const entries = figureEntries(sample.figures);
  expect(entries.length).toBeGreaterThan(30);
  for (const [path, text] of entries) await typeInto(page, path, text);
  for (const group of ['officials', 'civil_servants']) {
    const prefix = `figures.staff.${group}.titles`;
    for (const [index, line] of sample.figures.staff[group].titles.entries()) {
      await page.locator(`button[data-path="${prefix}"]`).click();
      await expect(field(page, `${prefix}.${index}.count`)).toBeFocused();
      await page.keyboard.type(String(line.count));
      await page.keyboard.press('Tab');
      await page.keyboard.type(line.title);
    }
  }

  const typed = await derivedValues(page);
  expect(typed.figures).toEqual(expected.figures);
  for (const sentence of ['plan_progress', 'one_stop_results', 'staff_officials', 'staff_civil_servants', 'outgoing_documents']) {
    expect(typed.sentences[sentence], sentence).toBe(expected.sentences[sentence]);
  }
  // Typed with thousands dots, shown back the same way once left.
  await expect(field(page, 'figures.fees.total')).toHaveValue('16.091.000');
});

test('a resolved count above the received count is shown at the field and in the summary, and fixing it clears both', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  const resolved = field(page, 'figures.applications.resolved');
  const message = 'Số hồ sơ đã giải quyết và trả kết quả (900) không được lớn hơn số hồ sơ đã tiếp nhận (847).';
  const atField = page.locator('#f-figures-applications-resolved-msg');
  const inSummary = page.locator('.summary .issue', { hasText: message });
  const errorCount = async () => Number((await page.locator('#issue-counts').textContent()).match(/(\d+) lỗi/)[1]);
  await typeInto(page, 'figures.applications.received', '847');
  await typeInto(page, 'figures.applications.resolved', '843');
  await expect(page.locator('#issue-counts')).toContainText('lỗi');
  const before = await errorCount();
  await typeInto(page, 'figures.applications.resolved', '900');
  await expect(atField).toHaveText(`Lỗi: ${message}`);
  await expect(resolved).toHaveAttribute('aria-invalid', 'true');
  await expect(resolved).toHaveAttribute('aria-describedby', 'f-figures-applications-resolved-msg');
  await expect(inSummary).toHaveCount(1);

  // The summary item leads to the field.
  await field(page, 'header.unit.name').focus();
  await inSummary.getByRole('button').click();
  await expect(resolved).toBeFocused();

  await typeInto(page, 'figures.applications.resolved', '843');
  await expect(atField).toHaveCount(0);
  await expect(resolved).not.toHaveAttribute('aria-invalid');
  await expect(resolved).not.toHaveAttribute('aria-describedby');
  await expect(inSummary).toHaveCount(0);
  expect(await errorCount()).toBe(before);
});

test('what is not a number is kept as typed and explained in Vietnamese', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await typeInto(page, 'figures.applications.received', '84a');
  await expect(page.locator('#f-figures-applications-received-msg')).toContainText('Lỗi:');
  await expect(field(page, 'figures.applications.received')).toHaveValue('84a');
  await expect(page.locator('[data-derived="applications.resolved"]')).toHaveText('');
  await typeInto(page, 'figures.applications.received', '1,5');
  await expect(page.locator('#f-figures-applications-received-msg')).toContainText('số nguyên');
  // A percentage with three decimals: the message names the limit, as the
  // cell reads it (the rules and the cell read alike).
  await typeInto(page, 'appendix.3.3.c.value', '99,525%');
  await expect(page.locator('#f-appendix-3-3-c-value-msg')).toContainText('Chỉ được tối đa 2 chữ số thập phân');
  await typeInto(page, 'header.date', '31/02/2025');
  await expect(field(page, 'header.date')).toHaveAttribute('aria-invalid', 'true');
  await typeInto(page, 'header.date', '6/3/2025');
  await expect(field(page, 'header.date')).not.toHaveAttribute('aria-invalid');
});

test('the period follows the report kind and year, and can be changed', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await page.selectOption('[name="period.kind"]', { label: 'Quý III' });
  await typeInto(page, 'period.year', '2025');
  await expect(field(page, 'period.from')).toHaveValue('15/6/2025');
  await expect(field(page, 'period.to')).toHaveValue('14/9/2025');
  await page.selectOption('[name="period.kind"]', { label: 'Quý I' });
  await expect(field(page, 'period.from')).toHaveValue('15/12/2024');
  await typeInto(page, 'period.to', '05/03/2025');
  await expect(page.locator('#f-period-to-msg')).toContainText('Lưu ý:');
  await page.getByRole('button', { name: 'Đặt lại kỳ theo quy định' }).click();
  await expect(field(page, 'period.to')).toHaveValue('14/3/2025');
});

test('lists can be added to, reordered and removed from', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  const add = page.locator('button[data-path="recipients.lines"]');
  await add.click();
  await expect(field(page, 'recipients.lines.0')).toBeFocused();
  await page.keyboard.type('UBND tỉnh Quảng Ngãi');
  await add.click();
  await page.keyboard.type('Phòng Nội vụ');
  await page.getByRole('button', { name: 'Chuyển nơi nhận 2 lên' }).click();
  await expect(field(page, 'recipients.lines.0')).toHaveValue('Phòng Nội vụ');
  await expect(field(page, 'recipients.lines.1')).toHaveValue('UBND tỉnh Quảng Ngãi');
  await expect(page.locator('[data-derived="recipients"]')).toHaveText(
    '- Phòng Nội vụ;\n- UBND tỉnh Quảng Ngãi;\n- Lưu: VT.',
  );
  await page.getByRole('button', { name: 'Xóa nơi nhận 1' }).click();
  await expect(field(page, 'recipients.lines.0')).toHaveValue('UBND tỉnh Quảng Ngãi');
  await expect(field(page, 'recipients.lines.1')).toHaveCount(0);

  // A section's heading follows its title as it is typed.
  const title = 'narrative.parts.1.subsections.0.title';
  await typeInto(page, title, 'Ưu điểm nổi bật');
  const heading = page.locator(`section.depth-2:has(> .section-head [name="${title}"]) > h4`);
  await expect(heading).toHaveText('1. Ưu điểm nổi bật');
  await typeInto(page, 'narrative.next_tasks.title', 'Nhiệm vụ quý tới');
  await expect(page.locator('section[aria-label="Nhiệm vụ thời gian tới"] > h3')).toHaveText('III. Nhiệm vụ quý tới');

  // A paragraph in a section of the narrative.
  const blocks = 'narrative.parts.1.subsections.0.blocks';
  await page.locator(`button[data-path="${blocks}"]`).click();
  await expect(field(page, `${blocks}.0.text`)).toBeFocused();
  await page.keyboard.type('Triển khai kịp thời các văn bản chỉ đạo.');
  await expect(field(page, `${blocks}.0.text`)).toHaveValue('Triển khai kịp thời các văn bản chỉ đạo.');
});

test('a sentence written from the figures is added from the select under a list, its choices drawn when it is reached', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  const select = page.locator('#f-narrative-preamble-add-sentence');
  const added = page.locator('output[data-derived^="narrative.preamble."][data-sentence="one_stop_results"]');
  await expect(added).toHaveCount(0);
  // Its choices are drawn when the select is reached, before it is opened.
  await expect(select.locator('option')).toHaveCount(1);
  await select.focus();
  await expect(select.locator('option')).toHaveCount(1 + 7);
  await expect(select.locator('option').nth(3)).toHaveText('Kết quả giải quyết TTHC tại Bộ phận Một cửa (tự động từ số liệu)');
  await select.selectOption('one_stop_results');
  await expect(added).toHaveCount(1);
  await expect(added).toContainText('843/847');
  await expect(page.locator('#b-remove-narrative-preamble-1')).toBeFocused();
  // Reached by the mouse: drawn by the press, before the list opens.
  const closing = page.locator('#f-narrative-closing-add-sentence');
  await expect(closing.locator('option')).toHaveCount(1);
  await closing.dispatchEvent('mousedown');
  await expect(closing.locator('option')).toHaveCount(1 + 7);
});
