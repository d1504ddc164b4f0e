/**
 * Reading constraints back from storage. They are stored as given: some
 * writers store the wire form (`{"root-disk": 1024}`), others the parsed
 * object (`{rootDisk: 1024}`); both read back as {@link Constraints}.
 */
import type { Constraints } from '../../core/constraints.js';
import { constraintsFromJson } from '../../core/constraints.js';

/** Parsed-object field names and their wire keys. */
const FIELD_TO_WIRE: Readonly<Record<string, string>> = {
  cpuPower: 'cpu-power',
  rootDisk: 'root-disk',
  rootDiskSource: 'root-disk-source',
  instanceRole: 'instance-role',
  instanceType: 'instance-type',
  virtType: 'virt-type',
  allocatePublicIp: 'allocate-public-ip',
  imageId: 'image-id',
};

/**
 * Constraints from a stored record in either form. Unreadable entries are
 * skipped (stored data never fails a read).
 */
export function storedConstraints(record: Readonly<Record<string, unknown>>): Constraints {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) wire[FIELD_TO_WIRE[key] ?? key] = value;
  try {
    return constraintsFromJson(wire);
  } catch {
    const kept: Constraints = {};
    for (const [key, value] of Object.entries(wire)) {
      try {
        Object.assign(kept, constraintsFromJson({ [key]: value }));
      } catch {
        // an entry this version does not understand
      }
    }
    return kept;
  }
}
