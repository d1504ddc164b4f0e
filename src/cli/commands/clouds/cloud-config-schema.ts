/**
 * Cloud config options specific to a cloud type, as `show-cloud
 * --include-config` lists them. Only the local provider has options today:
 * they are the `bridge` and `cidr` keys it reads from the cloud's `config`.
 */

export interface ConfigOption {
  readonly type: string;
  readonly description: string;
}

const SCHEMAS: Readonly<Record<string, Readonly<Record<string, ConfigOption>>>> = {
  local: {
    bridge: {
      type: 'string',
      description: 'Name of the host bridge machines are attached to (default jujubr0).',
    },
    cidr: {
      type: 'string',
      description: 'IPv4 range machines get their addresses from (default 10.232.0.0/24).',
    },
  },
};

/** The options of `cloudType`, or undefined when the provider has none. */
export function cloudConfigSchema(cloudType: string): Record<string, ConfigOption> | undefined {
  const schema = Object.hasOwn(SCHEMAS, cloudType) ? SCHEMAS[cloudType] : undefined;
  return schema ? { ...schema } : undefined;
}
