import { escapeHtml } from '../../core/report/format-report.ts';

/**
 * What the page says when it is opened straight from disk (file://), where browsers refuse to load
 * its modules and it would otherwise stay blank. Injected into index.html at build time (see
 * vite.config.ts) as plain HTML with inline styles and a classic inline script: nothing else of the
 * app can load there. Both languages are shown, since the app's language choice cannot load either.
 */

/** The message, in Vietnamese and English. */
export const FILE_PROTOCOL_MESSAGE = {
  vi: {
    title: 'Hãy mở Vùng Lõm qua một máy chủ web',
    body: 'Trình duyệt không chạy được ứng dụng khi mở thẳng tệp index.html từ ổ đĩa. Trong thư mục dist/, chạy một trong các lệnh sau rồi mở http://127.0.0.1:8080/ :',
    install: 'Hoặc mở ứng dụng một lần qua http(s) và cài đặt nó (nút Cài đặt trên thanh địa chỉ): sau đó ứng dụng mở được cả khi không có mạng.',
  },
  en: {
    title: 'Open Vùng Lõm through a web server',
    body: 'Browsers cannot run the app from index.html opened straight from disk. In the dist/ folder, run one of these commands and open http://127.0.0.1:8080/ :',
    install: 'Or open the app once over http(s) and install it (the Install button in the address bar): it then opens with no network too.',
  },
} as const;

/** Commands that serve the built app (each tested end to end). */
export const SERVE_COMMANDS = ['python3 -m http.server 8080', 'npx http-server -p 8080', 'npx vite preview --port 8080'] as const;

/** The notice's HTML: hidden, shown by its own inline script only when the page's address starts with file:. */
export function fileProtocolNotice(): string {
  const commands = SERVE_COMMANDS.map((c) => `<li><code style="font-size:15px">${escapeHtml(c)}</code></li>`).join('');
  const block = (lang: 'vi' | 'en'): string => {
    const m = FILE_PROTOCOL_MESSAGE[lang];
    return (
      `<section lang="${lang}" style="margin:0 0 28px">` +
      `<h1 style="font-size:22px;margin:0 0 10px">${escapeHtml(m.title)}</h1>` +
      `<p style="margin:0 0 8px">${escapeHtml(m.body)}</p><ul style="margin:0 0 8px">${commands}</ul>` +
      `<p style="margin:0">${escapeHtml(m.install)}</p></section>`
    );
  };
  return (
    '<div id="file-protocol" hidden style="position:fixed;inset:0;z-index:1000;overflow:auto;background:#fff;' +
    'color:#1f2a30;font:16px/1.5 system-ui,sans-serif;padding:40px max(24px,calc(50% - 360px))">' +
    `${block('vi')}${block('en')}</div>` +
    "<script>if (location.protocol === 'file:') { document.getElementById('file-protocol').hidden = false; document.documentElement.dataset.analysis = 'error'; }</script>"
  );
}
