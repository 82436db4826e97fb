// The deterministic zip writer behind `npm run package` (issue 15): the same files give the same bytes whatever
// their order, a reader (ours, and Info-ZIP's where installed) gets them back intact, and bad names are refused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { crc32, readZip, writeZip, type ZipEntry } from '../../../scripts/zip';

const text = (s: string) => Buffer.from(s, 'utf8');
const files: ZipEntry[] = [
  { name: 'manifest.json', data: text('{"manifest_version":3}\n'.repeat(20)) },
  { name: '_locales/ko/messages.json', data: text('{"extName":{"message":"연결"}}') },
  { name: 'icons/icon-16.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

describe('writeZip', () => {
  test('CRC-32 is the standard one (check value of "123456789")', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
  });

  test('gives the same bytes for the same files in any order, entries sorted by name', () => {
    const a = writeZip(files);
    const b = writeZip([...files].reverse());
    expect(a.equals(b)).toBe(true);
    expect(readZip(a).map((e) => e.name)).toEqual([
      '_locales/ko/messages.json',
      'empty.txt',
      'icons/icon-16.png',
      'manifest.json',
    ]);
  });

  test('round-trips every byte, compressing only what shrinks', () => {
    const zip = writeZip(files);
    const back = new Map(readZip(zip).map((e) => [e.name, Buffer.from(e.data)]));
    for (const f of files) expect(back.get(f.name)?.equals(Buffer.from(f.data)), f.name).toBe(true);
    expect(zip.length).toBeLessThan(files.reduce((n, f) => n + f.data.length, 0) + 400);
  });

  test('stamps every entry 2000-01-01 00:00 with mode 0644, not the time of the build', () => {
    const zip = writeZip(files);
    const dosDate = ((2000 - 1980) << 9) | (1 << 5) | 1;
    let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    for (let i = 0; i < files.length; i++) {
      expect(zip.readUInt16LE(at + 12)).toBe(0); // time
      expect(zip.readUInt16LE(at + 14)).toBe(dosDate);
      expect(zip.readUInt32LE(at + 38) >>> 16).toBe(0o100644);
      at += 46 + zip.readUInt16LE(at + 28);
    }
  });

  test('refuses duplicate and unsafe names', () => {
    expect(() => writeZip([files[0]!, files[0]!])).toThrow(/duplicate/);
    for (const name of ['/etc/passwd', '../x', 'a//b', 'a\\b', '']) {
      expect(() => writeZip([{ name, data: text('x') }])).toThrow(/relative archive path/);
    }
  });

  test('the reader notices a damaged entry', () => {
    const zip = writeZip([{ name: 'a.bin', data: Buffer.from([1, 2, 3, 4]) }]);
    const first = 30 + 'a.bin'.length; // the first stored byte
    zip[first] = zip[first]! ^ 0xff;
    expect(() => readZip(zip)).toThrow(/damaged/);
  });

  test.skipIf(!existsSync('/usr/bin/unzip'))('Info-ZIP unzip reads it, with the names and bytes written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    try {
      writeFileSync(join(dir, 'x.zip'), writeZip(files));
      const check = spawnSync('/usr/bin/unzip', ['-t', join(dir, 'x.zip')], { encoding: 'utf8' });
      expect(check.stdout).toContain('No errors detected');
      const ko = spawnSync('/usr/bin/unzip', ['-p', join(dir, 'x.zip'), '_locales/ko/messages.json']);
      expect(ko.stdout.toString('utf8')).toBe('{"extName":{"message":"연결"}}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
