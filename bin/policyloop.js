#!/usr/bin/env node
// Entry point: registers the TypeScript loader (tsx) so the sources run as they are,
// then hands over to the command-line module.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
