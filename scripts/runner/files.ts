/** The runner's atomic writes live in lib/files.ts (shared with lib/mnist's stored weights). */
export { writeFileAtomic, copyFileAtomic } from '../../lib/files';
