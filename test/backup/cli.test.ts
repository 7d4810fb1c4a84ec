/** The backup and restore commands' arguments, and a folder that is not a backup (no storage is touched). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main as backup } from '../../scripts/backup';
import { main as restore } from '../../scripts/restore';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

test('backup needs --out; restore one folder', async () => {
  const a = io();
  expect(await backup([], {}, a.io)).toBe(2);
  expect(a.err.join('')).toMatch(/--out <dir> is required/);
  const b = io();
  expect(await restore([], {}, b.io)).toBe(2);
  expect(await restore(['a', 'b'], {}, io().io)).toBe(2);
  expect(await restore(['a', '--nope'], {}, io().io)).toBe(2);
});

test('a folder without a manifest is refused in the language of LANG, before any storage is read', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'not-a-backup-'));
  try {
    // An account nobody listens on: the refusal must come before any request.
    const env = {
      STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=http;AccountName=x;AccountKey=eA==;TableEndpoint=http://127.0.0.1:9/x;',
    };
    const vi = io();
    expect(await restore([dir], { ...env, LANG: 'vi_VN.UTF-8' }, vi.io)).toBe(1);
    expect(vi.err.join('')).toBe(
      `Chưa khôi phục: Thư mục “${dir}” không có tệp manifest.json của bản sao lưu.\n`,
    );
    const en = io();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"format":"something else"}');
    expect(await restore([dir], { ...env, LANG: 'en_GB.UTF-8' }, en.io)).toBe(1);
    expect(en.err.join('')).toMatch(/^Not restored: The backup's manifest\.json cannot be read: format: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
