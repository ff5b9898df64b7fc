import { describe, expect, it } from 'vitest';
import { readPackageFile } from '../../src/core/package-files.js';
import { human, net, readVerified } from '../../src/tasks/resources.js';

const code = (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: { code?: string }) => e.code ?? String(e));

// The loaders check a net's binary against the sha256 its header records; the header itself is
// only covered by weights/SHA256SUMS, which the tasks layer checks for every file it reads.
describe('shipped files are checked against weights/SHA256SUMS', () => {
  it('an intact header reads back unchanged', async () => {
    const rel = 'weights/landmark68-tiny.json';
    expect(await readVerified(rel)).toEqual(await readPackageFile(rel));
  });

  it('a header with one changed digit is E_BAD_WEIGHTS at load', async () => {
    // The last digit of the first match: still valid JSON and a plausible value, so only the checksum can tell.
    const tamper = (key: RegExp) => async (rel: string): Promise<Uint8Array> => {
      const text = new TextDecoder().decode(await readPackageFile(rel));
      const m = key.exec(text);
      expect(m, `${rel} has ${key}`).not.toBeNull();
      const at = m!.index + m![0].length - 1;
      return new TextEncoder().encode(text.slice(0, at) + String((Number(text[at]) + 1) % 10) + text.slice(at + 1));
    };
    const scale = /"scale":\s*0\.\d+/;
    expect(await code(readVerified('weights/landmark68-tiny.json', tamper(scale)))).toBe('E_BAD_WEIGHTS');
    expect(await code(readVerified('weights/human/gender.json', tamper(/"shape":\s*\[\d/)))).toBe('E_BAD_WEIGHTS');
    expect(await code(readVerified('weights/landmark68-tiny.json', async (rel) => readPackageFile(rel)))).toBe('resolved');
  });

  it('a file not in the list is E_BAD_WEIGHTS', async () => {
    expect(await code(readVerified('weights/ert/README.md'))).toBe('E_BAD_WEIGHTS');
  });

  it('face-api nets and Human models load through the checked reader', async () => {
    const tiny = await net('landmark68-tiny');
    const gender = await human('gender');
    expect(tiny.inputSize).toBe(112);
    expect(gender.inputSize).toBe(64);
  });
});
