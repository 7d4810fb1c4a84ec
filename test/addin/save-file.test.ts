/** saveFile hands the bytes to the page as a download: a blob link with the file's name, clicked once. */
import { saveFile } from '../../addin/src/taskpane/save-file';

test('a hidden link with the file name and a blob URL is clicked, then removed', async () => {
  const clicked: { href: string; download: string; inPage: boolean }[] = [];
  const appended: unknown[] = [];
  const link = {
    href: '',
    download: '',
    style: {} as Record<string, string>,
    click() {
      clicked.push({ href: this.href, download: this.download, inPage: appended.includes(this) });
    },
    remove() {
      appended.splice(appended.indexOf(this), 1);
    },
  };
  const doc = {
    createElement: () => link,
    body: { appendChild: (n: unknown) => appended.push(n) },
  } as unknown as Document;
  jest.useFakeTimers();
  const revoke = jest.spyOn(URL, 'revokeObjectURL');
  saveFile(new Uint8Array([1, 2, 3]).buffer, 'bao-cao.docx', 'application/octet-stream', doc);
  expect(clicked).toEqual([
    { href: expect.stringMatching(/^blob:/), download: 'bao-cao.docx', inPage: true },
  ]);
  expect(appended).toEqual([]);
  expect(revoke).not.toHaveBeenCalled();
  jest.runAllTimers();
  expect(revoke).toHaveBeenCalledWith(clicked[0]!.href);
  jest.useRealTimers();
});
