// Regenerates docs/api.md from the API declaration: `npx tsx policy/program/write-api-docs.ts`.
import { writeApiDocs } from './api-docs.ts';

console.log(`wrote ${writeApiDocs()}`);
