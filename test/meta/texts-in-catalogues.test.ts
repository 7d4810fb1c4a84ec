/**
 * No finished sentence outside the catalogues (docs/architecture.md, "Messages"): every string literal and
 * JSX text of the product's code is read with the TypeScript parser; one in Vietnamese, or an English
 * sentence, is a text a user may see and belongs in shared/src/i18n/catalogue-vi.ts / catalogue-en.ts.
 * Developer-facing text stays where it is: arguments of `new Error(...)` and of log calls, and comments.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['shared/src', 'functions/src', 'addin/src', 'scripts'];

/** Files whose Vietnamese is data, not messages; each with its reason. */
const DATA_FILES: Record<string, string> = {
  'shared/src/i18n/catalogue-vi.ts': 'the Vietnamese catalogue',
  'shared/src/i18n/catalogue-en.ts': 'the English catalogue',
  'scripts/lib/demo-data.ts': 'the demo campaign’s reports (model names, slogans, difficulties)',
  'scripts/bench/realistic-report.ts': 'the benchmark’s reports (model names, slogans, good deeds)',
  'scripts/seed-workbooks/ca-mau-phong-cach-cand.ts':
    'seed 002’s campaign, units and template, as the seed words them',
  'scripts/seed-workbooks/lang-son-van-hoa-cong-so.ts':
    'seed 004’s campaign, units and template, as the seed words them',
};

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
/** Three or more words, starting with a capital, ending like a sentence. */
const ENGLISH_SENTENCE = /^[A-Z][a-z’']+(?: [A-Za-z’',()]+){2,}[.!?]$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** A literal that only developers see: inside `new XError(...)`, or an argument of a log call. */
function developerFacing(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isNewExpression(n) && /Error$/.test(n.expression.getText())) return true;
    if (ts.isCallExpression(n) && /(^|\.)(log|warn|error|debug|info|trace)$/.test(n.expression.getText()))
      return true;
    if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}

function textsOf(file: string, content = fs.readFileSync(path.join(ROOT, file), 'utf8')) {
  const source = ts.createSourceFile(
    file,
    content,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      text = node.text;
    else if (ts.isJsxText(node)) text = node.text.trim();
    // One character is a symbol, not a text (`'đ'` in a transliteration table).
    if (text && [...text].length > 1 && !ts.isImportDeclaration(node.parent) && !developerFacing(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (VIETNAMESE.test(text) || ENGLISH_SENTENCE.test(text.trim())) found.push({ line, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing text lives only in the catalogues', () => {
  const files = SOURCES.flatMap(sourceFiles).filter((f) => !(f in DATA_FILES));

  test('the scan reads the sources and sees a sentence, but not a developer’s error or log line', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('functions/src/http/handler.ts');
    const sample = [
      "const a = 'Đã lưu cài đặt';",
      'const b = <p>Settings were saved.</p>;',
      "throw new Error('The calendar defines a period twice.');",
      "context.warn('Storage is slow today.');",
      "const c = 'content-type';",
    ].join('\n');
    expect(textsOf('sample.tsx', sample).map((t) => t.text)).toEqual([
      'Đã lưu cài đặt',
      'Settings were saved.',
    ]);
  });

  test.each(files)('%s', (file) => {
    expect(textsOf(file).map(({ line, text }) => `${file}:${line}: ${text}`)).toEqual([]);
  });
});
