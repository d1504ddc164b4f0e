/** Entry point of the `juju` client. */
import { main } from '../cli/main.js';

const code = await main(process.argv.slice(2));
// Let pending stdout writes drain before exiting with the command's code.
process.exitCode = code;
