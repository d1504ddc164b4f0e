/** The Juju version this implementation speaks and reports (agents, `juju version`, facades). */
export const JUJU_VERSION = '3.6.4';
