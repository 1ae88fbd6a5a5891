export { VERSION, toolVersions } from '../policy/loop/versions.ts';
