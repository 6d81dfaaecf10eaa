/**
 * Every label and message of the app, in Vietnamese (the default) and English.
 * Vietnamese names keep their diacritics. `{name}` placeholders are filled by `t(key, params)`.
 */

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';

const vi = {
  'app.title': 'Vùng Lõm',
  'app.subtitle': 'Bản đồ vùng lõm sóng di động và cáp quang',
  'panel.province': 'Tỉnh',
  'panel.province-unknown': 'Dữ liệu tự nạp',
  'lang.label': 'Ngôn ngữ',
  'status.idle': 'Sẵn sàng',
  'status.loading': 'Đang tải dữ liệu…',
  'status.running': 'Đang tính vùng phủ…',
  'status.done': 'Đã tính xong vùng phủ',
  'status.error': 'Không phân tích được: thiếu lớp thôn, bản',
  'kpi.heading': 'Bảng kế hoạch',
  'kpi.villages': 'Thôn, bản đã tải',
  'kpi.mobile-villages-pct': 'Thôn có băng rộng di động',
  'kpi.ftth-villages-pct': 'Thôn có cáp quang (FTTH)',
  'kpi.shared-sites-pct': 'Trạm BTS dùng chung',
  'kpi.households-fibre-pct': 'Hộ gia đình có cáp quang',
  'kpi.gap-mobile': 'Lõm sóng di động',
  'kpi.gap-ftth': 'Chưa có cáp quang',
  'kpi.gap-both': 'Thiếu cả hai',
  'kpi.pending': 'Có sau khi tính xong vùng phủ',
  'actions.heading': 'Xuất dữ liệu',
  'action.export-gaps-geojson': 'Danh sách vùng lõm (GeoJSON)',
  'action.export-gaps-csv': 'Danh sách vùng lõm (CSV)',
  'action.export-proposals-geojson': 'Trạm đề xuất (GeoJSON)',
  'action.disabled': 'Có sau khi tính xong vùng phủ',
  'layers.heading': 'Lớp bản đồ',
  'layer.context': 'Xã toàn quốc (nền)',
  'layer.province': 'Ranh giới tỉnh',
  'layer.districts': 'Ranh giới huyện',
  'layer.communes': 'Ranh giới xã',
  'layer.roads': 'Quốc lộ',
  'layer.villages': 'Thôn, bản',
  'layer.settlements': 'Điểm dân cư',
  'layer.bts': 'Trạm BTS',
  'layer.bts-footprints': 'Vùng phủ của trạm',
  'layer.fibre-routes': 'Tuyến cáp quang',
  'layer.fibre-points': 'Điểm truy nhập quang',
  'layer.zoom-hint': 'hiện từ mức phóng {zoom}',
  'legend.heading': 'Chú giải',
  'legend.operators': 'Trạm BTS theo nhà mạng',
  'legend.footprint': 'Vùng phủ (hình quạt hoặc tròn) hiện từ mức phóng {zoom}',
  'legend.fibre': 'Cáp quang',
  'legend.villages': 'Thôn, bản',
  'legend.village': 'Thôn, bản chưa tính vùng phủ (tổng hợp)',
  'gap.none': 'Có băng rộng di động và cáp quang',
  'gap.mobile': 'Lõm sóng: chưa có băng rộng di động',
  'gap.ftth': 'Chưa có cáp quang (FTTH)',
  'gap.both': 'Thiếu cả băng rộng di động và cáp quang',
  'progress.label': 'Tiến độ tính vùng phủ',
  'action.cancel-analysis': 'Huỷ',
  'status.cancelled': 'Đã huỷ phân tích',
  'status.result': 'Đã tính {villages} thôn, bản trong {ms} ms ({workers} luồng)',
  'error.analysis': 'Không tính được vùng phủ: {detail}',
  'legend.settlement': 'Điểm dân cư (tổng hợp)',
  'legend.boundaries': 'Ranh giới hành chính',
  'fibre.trunk': 'Tuyến trục',
  'fibre.feeder': 'Tuyến nhánh',
  'fibre.distribution': 'Tuyến phân phối',
  'fibre.odf': 'Giá phối quang (ODF)',
  'fibre.cabinet': 'Tủ cáp',
  'fibre.splitter': 'Bộ chia quang',
  'settings.heading': 'Cài đặt',
  'settings.basemap': 'Bản đồ nền trực tuyến (OpenStreetMap)',
  'settings.basemap-hint': 'Cần Internet; tắt theo mặc định để dùng ngoại tuyến.',
  'about.button': 'Giới thiệu / nguồn dữ liệu',
  'about.title': 'Giới thiệu và nguồn dữ liệu',
  'about.intro':
    'Vùng Lõm tìm các thôn, bản chưa có băng rộng di động hoặc cáp quang (FTTH). Bản đồ chạy hoàn toàn trong trình duyệt, không cần Internet.',
  'about.real': 'Dữ liệu thật',
  'about.synthetic': 'Dữ liệu tổng hợp (mô phỏng)',
  'about.synthetic-why':
    'Không có dữ liệu công khai về ranh giới thôn, bản, trạm BTS hay mạng cáp quang ở Việt Nam, nên các lớp này được sinh tự động, có tính quyết định (seed {seed}), từ ranh giới xã, dân số và đường thật.',
  'about.attribution': 'Ghi công và giấy phép',
  'about.no-manifest': 'Không đọc được mô tả dữ liệu mẫu.',
  'about.close': 'Đóng',
  'about.layer-count': '{count} đối tượng',
  'synthetic.note':
    'Dữ liệu mẫu tổng hợp: thôn, bản, điểm dân cư, trạm BTS và cáp quang là mô phỏng, không phải dữ liệu thật của nhà mạng.',
  'popup.village': 'Thôn, bản',
  'popup.commune': 'Xã',
  'popup.district': 'Huyện',
  'popup.province': 'Tỉnh',
  'popup.population': 'Dân số',
  'popup.households': 'Số hộ',
  'popup.synthetic': 'tổng hợp',
  'popup.bts': 'Trạm BTS',
  'popup.site': 'Mã trạm',
  'popup.operator': 'Nhà mạng',
  'popup.tech': 'Công nghệ',
  'popup.radius': 'Bán kính phủ',
  'popup.radius-default': '{radius} (mặc định theo công nghệ)',
  'popup.sector': 'Hướng / độ mở',
  'popup.height': 'Độ cao anten',
  'popup.band': 'Băng tần',
  'popup.fibre-route': 'Tuyến cáp quang',
  'popup.fibre-point': 'Điểm truy nhập quang',
  'popup.kind': 'Loại',
  'popup.road': 'Đường',
  'notice.dismiss': 'Đóng thông báo',
  'notice.layer': 'Lớp “{layer}”: {message}',
  'error.not-found':
    'không tìm thấy tệp {file} (HTTP 404). Hãy kiểm tra đường dẫn hoặc tên tệp.',
  'error.html-instead':
    'máy chủ trả về một trang web thay cho tệp {file}: có thể tệp không tồn tại. Hãy kiểm tra đường dẫn.',
  'error.http': 'máy chủ trả lỗi HTTP {status} khi đọc {file}.',
  'error.network':
    'không kết nối được tới {file} (mất mạng, máy chủ chặn CORS hoặc sai địa chỉ).',
  'error.not-flatgeobuf':
    '{file} không phải tệp FlatGeobuf hay GeoJSON (chữ ký đầu tệp không đúng): tệp bị hỏng hoặc sai định dạng. Hãy xuất lại tệp dưới dạng FlatGeobuf hoặc GeoJSON.',
  'error.corrupt': 'tệp FlatGeobuf {file} bị hỏng ({detail}). Hãy xuất lại tệp.',
  'error.no-index':
    'tệp FlatGeobuf {file} không có chỉ mục không gian nên không đọc theo vùng được. Hãy tạo lại tệp có chỉ mục, ví dụ: ogr2ogr -f FlatGeobuf out.fgb in.geojson (GDAL ghi chỉ mục theo mặc định).',
  'error.bad-geojson': '{file} không phải GeoJSON hợp lệ ({detail}).',
  'error.crs':
    '{file} dùng hệ toạ độ {crs}; cần kinh độ/vĩ độ WGS84 (EPSG:4326). Hãy chuyển đổi, ví dụ: ogr2ogr -t_srs EPSG:4326 out.fgb in.fgb',
  'error.empty': '{file} không có đối tượng nào trong vùng cần đọc.',
  'error.manifest': 'không đọc được mô tả dữ liệu mẫu {file}: {detail}',
  'error.config': 'không đọc được tệp cấu hình {file}: {detail}',
  'error.villages':
    'Không tải được lớp thôn, bản nên chưa thể phân tích. Các lớp khác của bản đồ vẫn hiển thị.',
  'error.unexpected': 'lỗi không mong đợi: {detail}',
  'error.basemap':
    'Không tải được bản đồ nền OpenStreetMap (có thể đang ngoại tuyến). Dữ liệu vẫn hiển thị; có thể tắt bản đồ nền trong Cài đặt.',
  'assumptions.heading': 'Giả định',
  'assumptions.radius': 'Bán kính phủ theo công nghệ (trạm không ghi bán kính)',
  'assumptions.broadband': 'Công nghệ tính là băng rộng di động',
  'assumptions.model': 'Mô hình trạm',
  'assumptions.sectors': 'Vẽ hình quạt theo hướng và độ mở (tắt: mọi trạm là hình tròn)',
  'assumptions.site-merge': 'Gộp trạm của các nhà mạng cách nhau dưới',
  'assumptions.rule': 'Quy tắc “có băng rộng di động”',
  'assumptions.measure': 'Đo theo',
  'assumptions.measure-area': 'diện tích được phủ',
  'assumptions.measure-population': 'dân số được phủ',
  'assumptions.measure-centre': 'trung tâm (nhà văn hoá) được phủ',
  'assumptions.threshold': 'Ngưỡng',
  'assumptions.ftth': 'Cáp quang (FTTH)',
  'assumptions.ftth-reach': 'Tầm kéo cáp thuê bao',
  'assumptions.ftth-threshold': 'Tỷ lệ dân trong tầm để tính có FTTH',
  'assumptions.reset': 'Khôi phục mặc định',
  'assumptions.bad-url': 'Giả định trong đường dẫn không hợp lệ, đã dùng giá trị trước đó: {detail}',
  'assumptions.bad-stored': 'Giả định đã lưu trên máy này không hợp lệ, đã dùng giá trị mặc định: {detail}',
  'own.heading': 'Dữ liệu của bạn',
  'own.kind.villages': 'Thôn, bản (đa giác)',
  'own.kind.bts': 'Trạm BTS (kể cả CSV OpenCelliD)',
  'own.kind.fibre': 'Cáp quang (tuyến, điểm truy nhập)',
  'own.kind.settlements': 'Điểm dân cư',
  'own.choose': 'Chọn tệp…',
  'own.hint': 'GeoJSON, FlatGeobuf hoặc CSV (cột lon, lat). Có thể kéo thả tệp vào bản đồ. Tệp mới thay lớp cùng loại và vùng phủ được tính lại.',
  'own.progress': 'Tiến độ đọc tệp',
  'own.cancelled': 'Đã huỷ đọc {file}; bản đồ vẫn dùng dữ liệu cũ.',
  'own.refused': 'Không nạp {file} làm lớp “{layer}”: {message} Bản đồ vẫn dùng dữ liệu cũ.',
  'own.summary': '{file} ({layer}): đã đọc {count} đối tượng; {issues} ghi chú (bấm để xem)',
  'own.summary-villages': '{file} ({layer}): đã đọc {count} thôn, bản; sửa {repaired} đa giác; {invalid} thôn không hợp lệ (giữ lại, đánh dấu); {issues} ghi chú (bấm để xem)',
  'own.more': '… và {count} ghi chú khác',
  'own.drop-title': 'Tệp {file} là lớp nào?',
  'mapping.title': 'Chọn cột cho dữ liệu',
  'mapping.intro': 'Tệp {file} không có cột nào mang tên quen thuộc cho: {fields}. Hãy chọn cột tương ứng của tệp, hoặc huỷ và đổi tên cột trong tệp.',
  'mapping.none': '— chọn cột —',
  'mapping.example': 'tên thường gặp: {aliases}',
  'mapping.apply': 'Đọc lại với các cột này',
  'mapping.cancel': 'Huỷ',
  'mapping.unset': 'Chưa chọn cột cho: {fields}.',
  'export.scope': 'Phạm vi xuất',
  'export.all': 'Tất cả thôn, bản',
  'export.gaps-only': 'Chỉ thôn, bản còn thiếu',
  'input-error.empty-file': '{file} trống. Hãy chọn tệp có dữ liệu.',
  'input-error.no-features': '{file} không có đối tượng nào dùng được ({detail}). Hãy kiểm tra nội dung tệp và các cột toạ độ.',
  'input-error.not-geojson': '{file} không phải GeoJSON hợp lệ ({detail}). Hãy xuất lại lớp dưới dạng GeoJSON (RFC 7946).',
  'input-error.not-csv': '{file} không đọc được như CSV: trường có dấu ngoặc kép bắt đầu ở dòng {line} không được đóng. Hãy kiểm tra dấu "" ở dòng đó.',
  'input-error.wrong-crs': '{file} dùng hệ toạ độ {crs}, không phải kinh độ/vĩ độ WGS84. Hãy chuyển sang EPSG:4326, ví dụ: ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson, hoặc trong QGIS “Export → Save Features As…” với CRS EPSG:4326.',
  'input-error.missing-columns': '{file} thiếu cột cho: {missing}. Các cột có trong tệp: {found}. Hãy đổi tên cột hoặc chọn cột ở bước ghép cột.',
  'input-error.out-of-range': 'Toạ độ trong {file}, ví dụ {example}, nằm ngoài phạm vi kinh độ/vĩ độ: có vẻ là toạ độ phẳng (mét). Hãy chuyển sang WGS84 (EPSG:4326), ví dụ: ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson.',
  'input-error.wrong-geometry': '{file} chứa {found}, nhưng lớp “{layer}” cần {expected}. Hãy nạp tệp vào đúng lớp, hoặc chọn tệp khác cho lớp này.',
  'input-error.no-spatial-index': '{file} là FlatGeobuf không có chỉ mục không gian. Hãy tạo lại: ogr2ogr -f FlatGeobuf out.fgb in.geojson.',
  'input-error.not-flatgeobuf': '{file} không phải FlatGeobuf hợp lệ (bị hỏng hoặc sai định dạng). Hãy xuất lại tệp.',
  'input-error.too-large': '{file} nặng {size} MB, vượt giới hạn {max} MB cho một tệp đọc trọn trong trình duyệt; tệp chưa được đọc. Hãy chuyển sang FlatGeobuf có chỉ mục (ogr2ogr -f FlatGeobuf out.fgb in.geojson) và nạp qua đường dẫn, hoặc cắt theo tỉnh trước.',
  'input-error.unsupported-format': '{file} (tệp .{ext}) không phải định dạng Vùng Lõm đọc được ({format}). Hãy dùng GeoJSON, FlatGeobuf hoặc CSV có cột lon, lat; chuyển đổi trong QGIS hoặc bằng ogr2ogr -f GeoJSON out.geojson in.shp.',
  'input-error.http-error': 'máy chủ trả lỗi HTTP {status} khi đọc {file}. Hãy kiểm tra đường dẫn và quyền truy cập.',
} as const;

/** Keys of every translatable string. */
export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'app.title': 'Vùng Lõm',
  'app.subtitle': 'Mobile broadband and fibre coverage gaps',
  'panel.province': 'Province',
  'panel.province-unknown': 'Your data',
  'lang.label': 'Language',
  'status.idle': 'Ready',
  'status.loading': 'Loading data…',
  'status.running': 'Computing coverage…',
  'status.done': 'Coverage computed',
  'status.error': 'Cannot analyse: the villages layer is missing',
  'kpi.heading': 'Plan board',
  'kpi.villages': 'Villages loaded',
  'kpi.mobile-villages-pct': 'Villages with mobile broadband',
  'kpi.ftth-villages-pct': 'Villages with fibre (FTTH)',
  'kpi.shared-sites-pct': 'Shared BTS sites',
  'kpi.households-fibre-pct': 'Households with fibre',
  'kpi.gap-mobile': 'No mobile broadband',
  'kpi.gap-ftth': 'No FTTH',
  'kpi.gap-both': 'Neither',
  'kpi.pending': 'Available once coverage is computed',
  'actions.heading': 'Export',
  'action.export-gaps-geojson': 'Gap list (GeoJSON)',
  'action.export-gaps-csv': 'Gap list (CSV)',
  'action.export-proposals-geojson': 'Proposed sites (GeoJSON)',
  'action.disabled': 'available once coverage is computed',
  'layers.heading': 'Layers',
  'layer.context': 'National communes (context)',
  'layer.province': 'Province boundary',
  'layer.districts': 'District boundaries',
  'layer.communes': 'Commune boundaries',
  'layer.roads': 'National roads',
  'layer.villages': 'Villages',
  'layer.settlements': 'Settlements',
  'layer.bts': 'BTS sites',
  'layer.bts-footprints': 'BTS footprints',
  'layer.fibre-routes': 'Fibre routes',
  'layer.fibre-points': 'Fibre access points',
  'layer.zoom-hint': 'shown from zoom {zoom}',
  'legend.heading': 'Legend',
  'legend.operators': 'BTS sites by operator',
  'legend.footprint': 'Footprints (sector or disk) shown from zoom {zoom}',
  'legend.fibre': 'Fibre',
  'legend.villages': 'Villages',
  'legend.village': 'Village, coverage not computed (synthetic)',
  'gap.none': 'Mobile broadband and fibre',
  'gap.mobile': 'No mobile broadband',
  'gap.ftth': 'No fibre (FTTH)',
  'gap.both': 'Neither mobile broadband nor fibre',
  'progress.label': 'Coverage analysis progress',
  'action.cancel-analysis': 'Cancel',
  'status.cancelled': 'Analysis cancelled',
  'status.result': '{villages} villages analysed in {ms} ms ({workers} workers)',
  'error.analysis': 'Coverage could not be computed: {detail}',
  'legend.settlement': 'Settlement point (synthetic)',
  'legend.boundaries': 'Administrative boundaries',
  'fibre.trunk': 'Trunk route',
  'fibre.feeder': 'Feeder route',
  'fibre.distribution': 'Distribution route',
  'fibre.odf': 'Optical distribution frame (ODF)',
  'fibre.cabinet': 'Cabinet',
  'fibre.splitter': 'Splitter',
  'settings.heading': 'Settings',
  'settings.basemap': 'Online basemap (OpenStreetMap)',
  'settings.basemap-hint': 'Needs internet; off by default so the app works offline.',
  'about.button': 'About / data sources',
  'about.title': 'About and data sources',
  'about.intro':
    'Vùng Lõm finds the villages that have no mobile broadband or no fibre (FTTH). The map runs entirely in the browser, without internet.',
  'about.real': 'Real data',
  'about.synthetic': 'Synthetic (simulated) data',
  'about.synthetic-why':
    'No public village boundaries, BTS lists or fibre networks exist for Vietnam, so these layers are generated deterministically (seed {seed}) from the real commune boundaries, population and roads.',
  'about.attribution': 'Attribution and licences',
  'about.no-manifest': 'The sample description could not be read.',
  'about.close': 'Close',
  'about.layer-count': '{count} features',
  'synthetic.note':
    'Synthetic sample: villages, settlements, BTS sites and fibre are simulated, not real operator data.',
  'popup.village': 'Village',
  'popup.commune': 'Commune',
  'popup.district': 'District',
  'popup.province': 'Province',
  'popup.population': 'Population',
  'popup.households': 'Households',
  'popup.synthetic': 'synthetic',
  'popup.bts': 'BTS',
  'popup.site': 'Site',
  'popup.operator': 'Operator',
  'popup.tech': 'Technology',
  'popup.radius': 'Coverage radius',
  'popup.radius-default': '{radius} (technology default)',
  'popup.sector': 'Azimuth / beamwidth',
  'popup.height': 'Antenna height',
  'popup.band': 'Band',
  'popup.fibre-route': 'Fibre route',
  'popup.fibre-point': 'Fibre access point',
  'popup.kind': 'Kind',
  'popup.road': 'Road',
  'notice.dismiss': 'Dismiss',
  'notice.layer': 'Layer “{layer}”: {message}',
  'error.not-found': 'file not found: {file} (HTTP 404). Check the URL or the file name.',
  'error.html-instead':
    'the server sent a web page instead of {file}: the file probably does not exist. Check the URL.',
  'error.http': 'the server answered HTTP {status} for {file}.',
  'error.network': 'could not reach {file} (offline, blocked by CORS, or a wrong address).',
  'error.not-flatgeobuf':
    '{file} is not a FlatGeobuf or GeoJSON file (wrong magic bytes): it is corrupt or in another format. Export it again as FlatGeobuf or GeoJSON.',
  'error.corrupt': 'the FlatGeobuf file {file} is corrupt ({detail}). Export it again.',
  'error.no-index':
    'the FlatGeobuf file {file} has no spatial index, so it cannot be read by bounding box. Re-create it with an index, e.g. ogr2ogr -f FlatGeobuf out.fgb in.geojson (GDAL writes the index by default).',
  'error.bad-geojson': '{file} is not valid GeoJSON ({detail}).',
  'error.crs':
    '{file} uses the coordinate system {crs}; WGS84 longitude/latitude (EPSG:4326) is needed. Convert it, e.g. ogr2ogr -t_srs EPSG:4326 out.fgb in.fgb',
  'error.empty': '{file} has no features in the area read.',
  'error.manifest': 'the sample description {file} could not be read: {detail}',
  'error.config': 'the configuration file {file} could not be read: {detail}',
  'error.villages':
    'The villages layer could not be loaded, so there is nothing to analyse. The other map layers still work.',
  'error.unexpected': 'unexpected error: {detail}',
  'error.basemap':
    'The OpenStreetMap basemap could not be loaded (offline?). The data still shows; turn the basemap off in Settings.',
  'assumptions.heading': 'Assumptions',
  'assumptions.radius': 'Coverage radius per technology (sites without a radius)',
  'assumptions.broadband': 'Technologies that count as mobile broadband',
  'assumptions.model': 'Site model',
  'assumptions.sectors': 'Sectors from azimuth and beamwidth (off: every site is a disk)',
  'assumptions.site-merge': 'Merge sites of different operators closer than',
  'assumptions.rule': 'Rule for “covered by mobile broadband”',
  'assumptions.measure': 'Measured by',
  'assumptions.measure-area': 'area covered',
  'assumptions.measure-population': 'population covered',
  'assumptions.measure-centre': 'centre (cultural house) covered',
  'assumptions.threshold': 'Threshold',
  'assumptions.ftth': 'Fibre (FTTH)',
  'assumptions.ftth-reach': 'Drop-cable reach',
  'assumptions.ftth-threshold': 'Share of population within reach for FTTH',
  'assumptions.reset': 'Reset to defaults',
  'assumptions.bad-url': 'The assumptions in the link are not valid, the previous values apply: {detail}',
  'assumptions.bad-stored': 'The assumptions saved in this browser are not valid, the defaults apply: {detail}',
  'own.heading': 'Your data',
  'own.kind.villages': 'Villages (polygons)',
  'own.kind.bts': 'BTS sites (incl. OpenCelliD CSV)',
  'own.kind.fibre': 'Fibre (routes, access points)',
  'own.kind.settlements': 'Settlements',
  'own.choose': 'Choose file…',
  'own.hint': 'GeoJSON, FlatGeobuf or CSV (lon, lat columns). You can also drop a file on the map. A new file replaces the layer of its kind and coverage is computed again.',
  'own.progress': 'File reading progress',
  'own.cancelled': 'Reading {file} was cancelled; the map keeps the data it had.',
  'own.refused': '{file} was not loaded as “{layer}”: {message} The map keeps the data it had.',
  'own.summary': '{file} ({layer}): {count} features read; {issues} notes (click to see)',
  'own.summary-villages': '{file} ({layer}): {count} villages read; {repaired} polygons repaired; {invalid} invalid villages (kept, marked); {issues} notes (click to see)',
  'own.more': '… and {count} more notes',
  'own.drop-title': 'Which layer is {file}?',
  'mapping.title': 'Choose the columns',
  'mapping.intro': '{file} has no column with a name we know for: {fields}. Choose which of its columns holds each, or cancel and rename the columns in the file.',
  'mapping.none': '— choose a column —',
  'mapping.example': 'usual names: {aliases}',
  'mapping.apply': 'Read again with these columns',
  'mapping.cancel': 'Cancel',
  'mapping.unset': 'No column chosen for: {fields}.',
  'export.scope': 'Export scope',
  'export.all': 'All villages',
  'export.gaps-only': 'Gaps only',
  'input-error.empty-file': '{file} is empty. Choose a file that contains data.',
  'input-error.no-features': '{file} has no usable features ({detail}). Check the file’s content and its coordinate columns.',
  'input-error.not-geojson': '{file} is not valid GeoJSON ({detail}). Export the layer again as GeoJSON (RFC 7946).',
  'input-error.not-csv': '{file} cannot be read as CSV: the quoted field starting on line {line} is never closed. Check the quotes ("") in that row.',
  'input-error.wrong-crs': '{file} is in {crs}, not WGS84 longitude/latitude. Reproject it to EPSG:4326, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson, or in QGIS “Export → Save Features As…” with CRS EPSG:4326.',
  'input-error.missing-columns': '{file} has no column for: {missing}. Columns found: {found}. Rename the columns or choose them in the field mapping.',
  'input-error.out-of-range': 'Coordinates in {file} such as {example} are outside longitude/latitude range: this looks like projected coordinates (metres). Reproject to WGS84 (EPSG:4326), e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson.',
  'input-error.wrong-geometry': '{file} holds {found}, but the “{layer}” layer needs {expected}. Load it as the right layer, or choose another file for this one.',
  'input-error.no-spatial-index': '{file} is a FlatGeobuf without a spatial index. Re-create it: ogr2ogr -f FlatGeobuf out.fgb in.geojson.',
  'input-error.not-flatgeobuf': '{file} is not a valid FlatGeobuf file (corrupt or another format). Export it again.',
  'input-error.too-large': '{file} is {size} MB, over the {max} MB limit for a file read whole in the browser; it was not read. Convert it to FlatGeobuf with a spatial index (ogr2ogr -f FlatGeobuf out.fgb in.geojson) and load it by URL, or cut it to your province first.',
  'input-error.unsupported-format': '{file} (a .{ext} file) is not a format Vùng Lõm reads ({format}). Use GeoJSON, FlatGeobuf or CSV with lon, lat columns; convert it in QGIS or with ogr2ogr -f GeoJSON out.geojson in.shp.',
  'input-error.http-error': 'the server answered HTTP {status} for {file}. Check the address and that the file is public.',
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };

const STORAGE_KEY = 'vunglom.lang';
let current: Lang = DEFAULT_LANG;
const listeners = new Set<(lang: Lang) => void>();

/** True when `value` names a supported language. */
export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/**
 * Picks the starting language: `?lang=` in the URL wins (and is remembered), then the stored
 * choice, then Vietnamese.
 */
export function initLang(search: string = location.search): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  const lang = isLang(fromUrl) ? fromUrl : isLang(stored) ? stored : DEFAULT_LANG;
  setLang(lang);
  return lang;
}

/** The language in use. */
export function getLang(): Lang {
  return current;
}

/** Switches language, remembers it, updates `<html lang>` and tells every listener. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage can be disabled (private mode, policy): the choice then lasts for this page only.
  }
  document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

/** Calls `listener` after every language switch; returns a function that unsubscribes. */
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = DICTIONARIES[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Formats a number for the current language (Vietnamese uses "." for thousands). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', options).format(value);
}

/**
 * Fills every element under `root` that names a message: `data-i18n` sets the text,
 * `data-i18n-title` the tooltip, `data-i18n-aria` the accessible label.
 */
export function applyTranslations(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey, readParams(el));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle as MessageKey, readParams(el));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAria as MessageKey, readParams(el)));
  }
}

function readParams(el: HTMLElement): Record<string, string> {
  const raw = el.dataset.i18nParams;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
}
