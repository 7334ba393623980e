// The report's part for 6 (inside a sandbox): its summary rows and its section.
import { ms, times } from './format';
import type { InsideResult } from './inside';
import type { Summary } from './stats';
import { TARGETS, verdict } from './targets';

type Row = readonly string[];
type AddRow = (n: string, what: string, value: number | undefined, shown: string, target: number, targetText: string) => void;

export function insideSummaryRows(i: InsideResult | undefined, add: AddRow): void {
  add('6', 'commands.run("echo hi") through the SDK vs raw Docker exec: ratio of medians', i?.command.ratio,
    i ? `${times(i.command.ratio)} (Sandlot ${ms(i.command.sandlot.median)}, raw ${ms(i.command.raw.median)})` : '', TARGETS.commandRatio, `≤ ${times(TARGETS.commandRatio)}`);
  add('6', 'Terminal keystroke → echo, median', i?.keystroke.sandlot.median,
    i ? `${ms(i.keystroke.sandlot.median)} (raw TTY exec ${ms(i.keystroke.raw.median)})` : '', TARGETS.keystrokeMs, `≤ ${TARGETS.keystrokeMs} ms`);
  add('6', '1 MiB file write + read through the SDK vs raw Docker exec: ratio of medians', i?.file.ratio,
    i ? `${times(i.file.ratio)} (Sandlot ${ms(i.file.sandlot.median)}, raw ${ms(i.file.raw.median)})` : '', TARGETS.fileRatio, `≤ ${times(TARGETS.fileRatio)}`);
}

export function insideSection(i: InsideResult | undefined, table: (head: Row, rows: readonly Row[]) => string, summaryRow: (label: string, s: Summary) => Row, head: Row, missing: string): string {
  const title = '## 6. Inside a sandbox: commands, files and the terminal against raw Docker';
  if (!i) return `${title}\n\n${missing}`;
  return `${title}

One Running sandbox (the request of 1), driven through the official SDK (\`@alibaba-group/opensandbox\`,
\`Sandbox.connect\`, so every call goes through Sandlot's execd API on the API port), alternating with the
bench process doing the same work on the same container through dockerode directly; ${i.warmup} warm-up
rounds thrown away.

- **Command**: \`sandbox.commands.run("echo hi")\` (HTTP POST, Docker exec create + start, output as
  server-sent events, exit code) against a raw exec create + start attached + read to the end + inspect, ${i.command.sandlot.n} of each.
- **File**: \`files.writeFiles\` of ${(i.fileBytes / 1024 / 1024).toFixed(0)} MiB of random bytes then \`files.readBytes\`, compared byte for byte,
  against raw exec \`sh -c 'cat > f'\` with the bytes on stdin then \`cat f\`, ${i.file.sandlot.n} of each.
- **Keystroke**: one character sent on an open terminal, timed until its echo arrives: over Sandlot's
  WebSocket (\`/v1/sandboxes/{id}/terminal\`) against a raw TTY exec of \`/bin/sh\` attached through dockerode, ${i.keystroke.sandlot.n} of each.

${table(head, [
    summaryRow('commands.run, Sandlot', i.command.sandlot),
    summaryRow('exec, raw Docker', i.command.raw),
    summaryRow('1 MiB write + read, Sandlot', i.file.sandlot),
    summaryRow('1 MiB cat in + out, raw Docker', i.file.raw),
    summaryRow('keystroke echo, Sandlot', i.keystroke.sandlot),
    summaryRow('keystroke echo, raw TTY', i.keystroke.raw),
  ])}

Ratios of medians: command **${times(i.command.ratio)}** (target ≤ ${times(TARGETS.commandRatio)}: **${verdict(i.command.ratio, TARGETS.commandRatio)}**),
file **${times(i.file.ratio)}** (target ≤ ${times(TARGETS.fileRatio)}: **${verdict(i.file.ratio, TARGETS.fileRatio)}**), keystroke ${times(i.keystroke.ratio)}
(median ${ms(i.keystroke.sandlot.median)} against the ${TARGETS.keystrokeMs} ms target: **${verdict(i.keystroke.sandlot.median, TARGETS.keystrokeMs)}**).`;
}
