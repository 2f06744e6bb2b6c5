import { describe, expect, it } from 'vitest';

import { ProgressBar } from '../../src/cli/progress';

function fakeTerminal(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) }, writes };
}

describe('ProgressBar', () => {
  it('draws nothing during the first second, then one line per step, and clears it at the end', () => {
    const { stream, writes } = fakeTerminal(true);
    let now = 0;
    const bar = new ProgressBar(stream, () => now);
    bar.start(40);
    now = 500;
    bar.advance(10, 'src/a.ts');
    expect(writes).toEqual([]);
    now = 1500;
    bar.advance(10, 'src/b.ts');
    bar.finish();
    expect(writes).toEqual(['\r[############------------] 20/40 files  src/b.ts\u001b[K', '\r\u001b[K']);
  });

  it('never draws when the stream is not a terminal', () => {
    const { stream, writes } = fakeTerminal(false);
    let now = 0;
    const bar = new ProgressBar(stream, () => now);
    bar.start(2);
    now = 5000;
    bar.advance(2);
    bar.finish();
    expect(writes).toEqual([]);
  });

  it('fits the line to the terminal width', () => {
    const bar = new ProgressBar({ isTTY: true, columns: 30, write: () => undefined });
    bar.start(1);
    expect(bar.render('a/very/long/path/to/a/file.ts')).toHaveLength(29);
  });
});
