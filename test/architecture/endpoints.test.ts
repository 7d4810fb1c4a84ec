/** Endpoints are independent: one file each, none importing another (what they share lives in http/). */
import fs from 'node:fs';
import path from 'node:path';

const ENDPOINTS = path.resolve(__dirname, '..', '..', 'functions', 'src', 'functions');

test('no endpoint imports another endpoint', () => {
  const files = fs.readdirSync(ENDPOINTS).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(10);
  const crossings = files.flatMap((file) => {
    const source = fs.readFileSync(path.join(ENDPOINTS, file), 'utf8');
    return [...source.matchAll(/from '\.\/([^']+)'/g)].map((m) => `${file} → ${m[1]}`);
  });
  expect(crossings).toEqual([]);
});
