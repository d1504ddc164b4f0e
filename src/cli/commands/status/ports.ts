/**
 * Open ports as `juju status` shows them: grouped per protocol
 * (`80,443/tcp`), consecutive ports merged into ranges (`8000-8005/tcp`),
 * groups separated by a space; protocol-only entries such as `icmp` are left
 * out of the text form.
 */

interface PortRange {
  from: number;
  to: number;
}

function parse(entry: string): { protocol: string; range: PortRange } | undefined {
  const m = /^(\d+)(?:-(\d+))?\/([a-z0-9]+)$/i.exec(entry.trim());
  if (m === null) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return { protocol: (m[3] as string).toLowerCase(), range: { from, to } };
}

/** `["80/tcp", "443/tcp", "53/udp", "icmp"]` -> `80,443/tcp 53/udp`. */
export function formatPorts(ports: readonly string[]): string {
  const byProtocol = new Map<string, PortRange[]>();
  for (const entry of [...ports].sort()) {
    const p = parse(entry);
    if (p === undefined) continue;
    const list = byProtocol.get(p.protocol) ?? [];
    list.push(p.range);
    byProtocol.set(p.protocol, list);
  }
  const groups: string[] = [];
  for (const [protocol, ranges] of byProtocol) {
    ranges.sort((a, b) => a.from - b.from || a.to - b.to);
    const merged: PortRange[] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last !== undefined && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
      else merged.push({ ...r });
    }
    const text = merged.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',');
    groups.push(`${text}/${protocol}`);
  }
  return groups.join(' ');
}
