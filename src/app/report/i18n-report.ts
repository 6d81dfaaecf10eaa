/**
 * Labels and messages of the quarterly report view (earlier results, print, download, refusals of
 * an earlier file), in Vietnamese (the default) and English. Vietnamese keeps its diacritics;
 * `{name}` placeholders are filled by `t(key, params)` (shell/i18n.ts, which merges every group's).
 * The printed report's own words are the core renderer's (src/core/report), shared with the CLI.
 */

export const REPORT_VI = {
  'report.open': 'Báo cáo quý',
  'report.heading': 'Báo cáo quý',
  'report.previous': 'Nạp kết quả trước (GeoJSON hoặc CSV đã xuất)',
  'report.previous-none': 'Chưa nạp kết quả trước: báo cáo chưa có phần thay đổi.',
  'report.previous-loaded': 'Kết quả trước: {files}',
  'report.clear': 'Bỏ kết quả trước',
  'report.print': 'In / Lưu PDF',
  'report.download': 'Tải báo cáo (HTML)',
  'report.close': 'Đóng báo cáo',
  'report.building': 'Đang lập báo cáo…',
  'report.pending': 'Có sau khi tính xong vùng phủ',
  'report.lang': 'Báo cáo theo ngôn ngữ đang chọn',
  'report.error.empty': '{file} trống: hãy chọn một danh sách vùng lõm do Vùng Lõm xuất (GeoJSON hoặc CSV).',
  'report.error.not-gap-list': '{file} không phải danh sách vùng lõm do Vùng Lõm xuất ({reason}): hãy xuất bằng nút “Danh sách vùng lõm”.',
  'report.error.bad-json': '{file} không phải JSON hợp lệ: có thể tệp bị cắt, hãy xuất lại.',
  'report.error.bad-csv': '{file}: ô trong ngoặc kép bắt đầu ở dòng {line} không được đóng; hãy kiểm tra dấu ngoặc kép (").',
  'report.error.missing-columns': '{file} thiếu cột {columns}: không phải danh sách vùng lõm dạng CSV của Vùng Lõm.',
  'report.error.duplicate-id': '{file}: mã thôn “{id}” xuất hiện hai lần ({where} và {second}); mỗi thôn chỉ có một dòng, hãy xuất lại.',
  'report.error.bad-value': '{file}: {where} có {column} = {value}; danh sách vùng lõm chỉ ghi true, false hoặc để trống ở đó.',
  'report.error.no-id': '{file}: {where} không có mã thôn; mỗi thôn của danh sách vùng lõm đều có mã.',
  'report.reason.no-collection': 'không có FeatureCollection',
  'report.reason.no-features': 'không có đối tượng nào',
  'report.reason.no-properties': 'đối tượng {feature} không có thuộc tính',
  'report.reason.no-column': 'đối tượng {feature} không có cột “{column}”',
  'report.where.line': 'dòng {n}',
  'report.where.feature': 'đối tượng {n}',
};

export const REPORT_EN: Record<keyof typeof REPORT_VI, string> = {
  'report.open': 'Quarterly report',
  'report.heading': 'Quarterly report',
  'report.previous': 'Load earlier results (exported GeoJSON or CSV)',
  'report.previous-none': 'No earlier result loaded: the report has no changes yet.',
  'report.previous-loaded': 'Earlier results: {files}',
  'report.clear': 'Remove earlier results',
  'report.print': 'Print / Save as PDF',
  'report.download': 'Download report (HTML)',
  'report.close': 'Close the report',
  'report.building': 'Building the report…',
  'report.pending': 'Available once coverage is computed',
  'report.lang': 'The report follows the chosen language',
  'report.error.empty': '{file} is empty: choose a gap list exported by Vùng Lõm (GeoJSON or CSV).',
  'report.error.not-gap-list': '{file} is not a gap list exported by Vùng Lõm ({reason}): export one with the “Gap list” buttons.',
  'report.error.bad-json': '{file} is not valid JSON: the file may be cut short; export it again.',
  'report.error.bad-csv': '{file}: the quoted field that starts on line {line} is never closed; check the quotes (").',
  'report.error.missing-columns': '{file} has no column {columns}: it is not a Vùng Lõm gap list in CSV.',
  'report.error.duplicate-id': '{file}: the village id “{id}” appears twice ({where} and {second}); a gap list has one row per village, export it again.',
  'report.error.bad-value': '{file}: {where} has {column} = {value}; a gap list holds true, false or nothing there.',
  'report.error.no-id': '{file}: {where} has no village id; every village of a gap list has one.',
  'report.reason.no-collection': 'no FeatureCollection',
  'report.reason.no-features': 'no features',
  'report.reason.no-properties': 'feature {feature} has no properties',
  'report.reason.no-column': 'feature {feature} has no “{column}”',
  'report.where.line': 'line {n}',
  'report.where.feature': 'feature {n}',
};
