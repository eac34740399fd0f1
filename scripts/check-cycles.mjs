// `npm run check:cycles`: dependency-cruiser's rules (.dependency-cruiser.cjs) over server/src and client;
// exits 1 and lists each cycle when one is found. It calls the library rather than the `depcruise` command
// because the command refuses Node 20 (its engines say ^22) while this project supports Node >= 20.19, on
// which the library runs unchanged.
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const result = await cruise(
  ['server/src', 'client'],
  { ...options, validate: true, outputType: 'err' },
  undefined,
  { tsConfig: extractTSConfig(options.tsConfig.fileName) },
);
process.stdout.write(String(result.output));
process.exitCode = result.exitCode === 0 ? 0 : 1;
