// Reading a file that may be anything a user points at: a FIFO, /dev/zero, a huge file.
// Dependency-free, so the command line can use it before loading anything else.

import { readSync } from 'node:fs';

/**
 * The text of an open regular file, read to its end but never past `max` bytes (its size can
 * change, or be 0 for a /proc file): `tooBig` is called (and must throw) past the cap. A
 * leading byte-order mark is dropped.
 */
export function readCappedText(fd: number, max: number, tooBig: (size: string) => never): string {
  const buf = Buffer.alloc(max + 1);
  let len = 0;
  for (;;) {
    const got = readSync(fd, buf, len, buf.length - len, null);
    if (got === 0) break;
    len += got;
    if (len > max) tooBig(`more than ${max}`);
  }
  const text = buf.toString('utf8', 0, len);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
