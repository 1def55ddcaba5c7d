// `npm run icons`: regenerate build/icons/*.png, build/icon.ico and build/icon.icns from
// build/icon.svg. Commit the results; build/icons.test.ts fails while they are out of date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderIconSet } from './icon-set';

const root = join(__dirname, '..');
const svg = readFileSync(join(root, 'build/icon.svg'), 'utf8');

void renderIconSet(svg).then((files) => {
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
    console.log(`${file.path}  ${file.bytes.length} bytes`);
  }
});
