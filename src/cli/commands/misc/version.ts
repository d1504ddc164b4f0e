/** `juju version`: the client's version as <number>-<release>-<arch>. */
import { readFileSync } from 'node:fs';
import { JUJU_VERSION } from '../../../core/version.js';
import type { CommandInfo } from '../../framework/command.js';
import { CommandBase } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { OutputOptions, jsonFormatter, yamlFormatter } from '../../output/output-flags.js';
import { formatSmart } from '../../output/smart.js';

export class VersionCommand extends CommandBase {
  private readonly output = new OutputOptions('smart', {
    smart: formatSmart,
    yaml: yamlFormatter,
    json: jsonFormatter,
  });
  private all: FlagRef<boolean> | undefined;

  info(): CommandInfo {
    return {
      name: 'version',
      purpose: 'Print the Juju CLI client version.',
      doc: 'Print only the Juju CLI client version.\n\nTo see the version of Juju running on a particular controller, use\n  juju show-controller\n\nTo see the version of Juju running on a particular model, use\n  juju show-model',
      examples: '    juju version\n    juju version --all\n',
      seeAlso: ['show-controller', 'show-model'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.output.setFlags(flags);
    this.all = flags.bool('all', false, 'Prints all version information');
  }

  override run(ctx: Context): Promise<void> {
    const version = binaryVersion();
    this.output.write(ctx, this.all?.value ? { version, compiler: 'node' } : version);
    return Promise.resolve();
  }
}

/** `<number>-<release>-<arch>` as Juju reports a binary, e.g. 3.6.4-genericlinux-amd64. */
export function binaryVersion(): string {
  return `${JUJU_VERSION}-${hostRelease()}-${hostArch()}`;
}

function hostRelease(): string {
  try {
    const id = /^ID="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
    return id === 'ubuntu' || id === 'centos' ? id : 'genericlinux';
  } catch {
    return 'genericlinux';
  }
}

export function hostArch(): string {
  const map: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    ppc64: 'ppc64el',
    s390x: 's390x',
    riscv64: 'riscv64',
  };
  return map[process.arch] ?? process.arch;
}
