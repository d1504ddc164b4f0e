/**
 * Controller commands that take no `-c` option of their own (`controllers`,
 * `show-controller`, `switch`) use the framework's API command base directly.
 */
export { ApiCommandBase } from '../../modelcmd/base.js';
