/** Writes shared/openrpc.json from the protocol's schemas: `npm run openrpc`. */
import fs from 'node:fs';
import path from 'node:path';
import { buildOpenRpcDocument } from '@rushes/shared';

const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'engine', 'package.json'), 'utf8')) as { version: string }).version;
const file = path.join(__dirname, '..', 'shared', 'openrpc.json');
fs.writeFileSync(file, JSON.stringify(buildOpenRpcDocument(version), null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), file)}`);
