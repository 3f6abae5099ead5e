// What the printed sample must hold, checked in every way the report is
// printed (Chromium's print view and PDF, Firefox, the Word file). A plain
// module without imports, so that any test runner can read it.
export const PRINTED_SAMPLE = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Số: 40/BC-UBND',
  'ngày 06 tháng 3 năm 2025',
  '843/847',
  '99,52%',
  'Nơi nhận:',
  'Trương Thanh Thảo',
  'THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN',
  // Upper-cased by the browser's own Unicode rules (the wasm has no tables).
  'PHƯỜNG TRƯƠNG QUANG TRỌNG',
  'I. KẾT QUẢ ĐẠT ĐƯỢC',
  'QUÝ I NĂM 2025',
  'Ủy ban nhân dân',
];
