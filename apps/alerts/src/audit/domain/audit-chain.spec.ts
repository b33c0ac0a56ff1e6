import { randomUUID } from 'node:crypto';
import {
  anchorHolds,
  canonicalEncoding,
  chainEntry,
  entryHash,
  GENESIS_HASH,
  GlobalChainWalk,
  verifyAlertChain,
  type AuditAction,
  type AuditDetails,
  type AuditEntry,
} from './audit-chain';

const ALERT_A = randomUUID();
const ALERT_B = randomUUID();

/** A log as the service appends it: each entry chained to the one before, globally and on its alert. */
function aLog(steps: { alertId: string | null; action: AuditAction; details?: AuditDetails }[]): AuditEntry[] {
  const log: AuditEntry[] = [];
  const lastOfAlert = new Map<string, Buffer>();
  let previous: Buffer = GENESIS_HASH;
  steps.forEach((step, index) => {
    const entry = chainEntry(
      { seq: String(index + 1), at: new Date(Date.UTC(2026, 11, 7, 22, 0, index)), actorSubject: `user-${index % 3}`, alertId: step.alertId, action: step.action, details: step.details ?? {} },
      previous,
      step.alertId ? (lastOfAlert.get(step.alertId) ?? null) : null,
    );
    log.push(entry);
    previous = entry.hash;
    if (step.alertId) lastOfAlert.set(step.alertId, entry.hash);
  });
  return log;
}

const history = () =>
  aLog([
    { alertId: ALERT_A, action: 'IDENTITY_GRANTED', details: { granteeSubject: 'attache-1', reason: 'Coordinating the search' } },
    { alertId: ALERT_A, action: 'IDENTITY_READ', details: { purpose: 'Coordinating the search', readerAgencyId: null, readerCountry: '' } },
    { alertId: ALERT_B, action: 'ALERT_READ', details: { relation: 'recipient' } },
    { alertId: null, action: 'ALERTS_LISTED', details: { list: 'inbox', alertIds: [ALERT_A, ALERT_B] } },
    { alertId: ALERT_A, action: 'IDENTITY_REVOKED', details: { granteeSubject: 'attache-1' } },
    { alertId: ALERT_A, action: 'IDENTITY_GRANTED', details: { granteeSubject: 'attache-1', reason: 'The search started again' } },
    { alertId: ALERT_A, action: 'IDENTITY_READ_REFUSED', details: { reason: 'NOT_ALLOWED', relation: 'none' } },
  ]);

function walk(log: AuditEntry[], head = { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash }) {
  const global = new GlobalChainWalk();
  global.accept(log.slice(0, 3));
  global.accept(log.slice(3));
  return global.finish(head);
}

describe('the canonical encoding of an audit entry', () => {
  const [entry] = history();

  it('is the same whatever order the details’ keys come in, at every level', () => {
    const shuffled = { ...entry!, details: { reason: 'Coordinating the search', granteeSubject: 'attache-1' } };
    expect(canonicalEncoding(shuffled).equals(canonicalEncoding(entry!))).toBe(true);
    const nested = (details: AuditDetails) => canonicalEncoding({ ...entry!, details });
    expect(nested({ a: { y: '1', x: ['2', { q: '3', p: '4' }] } }).equals(nested({ a: { x: ['2', { p: '4', q: '3' }], y: '1' } }))).toBe(true);
  });

  it('covers every field: sequence, time, actor, alert, action, details and both previous hashes', () => {
    const base = entryHash(entry!);
    const changes: Partial<AuditEntry>[] = [
      { seq: '2' },
      { at: new Date(entry!.at.getTime() + 1) },
      { actorSubject: 'someone-else' },
      { alertId: ALERT_B },
      { alertId: null },
      { action: 'IDENTITY_REVOKED' },
      { details: { granteeSubject: 'attache-2', reason: 'Coordinating the search' } },
      { prevHashGlobal: Buffer.alloc(32, 1) },
      { prevHashAlert: Buffer.alloc(32, 1) },
    ];
    for (const change of changes) expect(entryHash({ ...entry!, ...change }).equals(base)).toBe(false);
  });

  it('cannot be confused by a value that looks like a separator', () => {
    const a = canonicalEncoding({ ...entry!, actorSubject: 'x","y' });
    const b = canonicalEncoding({ ...entry!, actorSubject: 'x', alertId: 'y' });
    expect(a.equals(b)).toBe(false);
  });

  it('keeps text in any script as UTF-8, NFC as given', () => {
    const text = 'Ђорђе, Γιώργος, Gjergj';
    expect(canonicalEncoding({ ...entry!, details: { reason: text } }).toString('utf8')).toContain(text);
  });
});

describe('verifying the log', () => {
  it('finds an intact log intact, whole and per alert', () => {
    const log = history();
    expect(walk(log)).toEqual({ ok: true, checked: 7 });
    expect(verifyAlertChain(log.filter((e) => e.alertId === ALERT_A))).toEqual({ ok: true, checked: 5 });
    expect(new GlobalChainWalk().finish({ seq: '0', hash: GENESIS_HASH })).toEqual({ ok: true, checked: 0 });
  });

  it('reports an altered entry as ALTERED, at that entry', () => {
    const log = history();
    log[3] = { ...log[3]!, details: { list: 'inbox', alertIds: [ALERT_A] } };
    expect(walk(log)).toMatchObject({ ok: false, broken: { seq: '4', reason: 'ALTERED' } });
    const alterations: Partial<AuditEntry>[] = [{ actorSubject: 'someone-else' }, { at: new Date(0) }, { details: { purpose: 'changed afterwards' } }];
    for (const alteration of alterations) {
      const altered = history();
      altered[1] = { ...altered[1]!, ...alteration };
      expect(walk(altered)).toMatchObject({ broken: { seq: '2', alertId: ALERT_A, reason: 'ALTERED' } });
      expect(verifyAlertChain(altered.filter((e) => e.alertId === ALERT_A))).toMatchObject({ broken: { seq: '2', reason: 'ALTERED' } });
    }
  });

  it('reports an entry re-hashed after its change: the next entry’s link breaks', () => {
    const log = history();
    const changed = { ...log[1]!, details: { purpose: 'something else' } };
    log[1] = { ...changed, hash: entryHash(changed) };
    expect(walk(log)).toMatchObject({ broken: { seq: '3', reason: 'GLOBAL_LINK_BROKEN' } });
    expect(verifyAlertChain(log.filter((e) => e.alertId === ALERT_A))).toMatchObject({ broken: { seq: '5', reason: 'ALERT_LINK_BROKEN' } });
  });

  it('reports a deleted entry as a gap at the entry after it', () => {
    const log = history();
    log.splice(2, 1);
    expect(walk(log)).toMatchObject({ ok: false, checked: 3, broken: { seq: '4', reason: 'SEQUENCE_GAP' } });
    const ofAlert = history().filter((e) => e.alertId === ALERT_A);
    ofAlert.splice(1, 1);
    expect(verifyAlertChain(ofAlert)).toMatchObject({ broken: { seq: '5', reason: 'ALERT_LINK_BROKEN' } });
  });

  it('reports the last entries deleted against the chain head', () => {
    const log = history();
    const head = { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash };
    expect(walk(log.slice(0, 5), head)).toMatchObject({ ok: false, broken: { seq: '6', reason: 'HEAD_MISMATCH' } });
  });

  it('reports re-ordered entries, whether the rows or their sequence numbers were swapped', () => {
    const swappedRows = history();
    [swappedRows[1], swappedRows[2]] = [swappedRows[2]!, swappedRows[1]!];
    expect(walk(swappedRows)).toMatchObject({ ok: false, broken: { seq: '3', reason: 'SEQUENCE_GAP' } });

    const swappedNumbers = history();
    const [second, third] = [swappedNumbers[1]!, swappedNumbers[2]!];
    swappedNumbers[1] = { ...third, seq: '2' };
    swappedNumbers[2] = { ...second, seq: '3' };
    expect(walk(swappedNumbers)).toMatchObject({ ok: false, broken: { seq: '2', reason: 'ALTERED' } });
  });

  it('reports an entry forged and hashed in place of another: its links do not hold', () => {
    const log = history();
    const forged = { ...log[4]!, actorSubject: 'someone-else', prevHashGlobal: Buffer.alloc(32, 7) };
    log[4] = { ...forged, hash: entryHash(forged) };
    expect(walk(log)).toMatchObject({ broken: { seq: '5', reason: 'GLOBAL_LINK_BROKEN' } });
  });

  it('stops at the first break and says so to whoever feeds it', () => {
    const log = history();
    log[0] = { ...log[0]!, actorSubject: 'x' };
    const global = new GlobalChainWalk();
    expect(global.accept(log)).toBe(false);
    expect(global.accept(log)).toBe(false);
    expect(global.finish({ seq: '7', hash: log[6]!.hash })).toMatchObject({ checked: 1, broken: { seq: '1', reason: 'ALTERED' } });
  });
});

describe('verifying from a head kept at an earlier check', () => {
  const keptAt = (log: AuditEntry[], seq: number) => ({ seq: String(seq), hash: log[seq - 1]!.hash });

  it('checks only the entries after it, given each alert’s last hash up to it', () => {
    const log = history();
    const walk = new GlobalChainWalk(keptAt(log, 3));
    walk.alertLastHash(ALERT_A, log[1]!.hash);
    walk.alertLastHash(ALERT_B, log[2]!.hash);
    walk.accept(log.slice(3));
    expect(walk.finish({ seq: '7', hash: log[6]!.hash })).toEqual({ ok: true, checked: 4 });
  });

  it('breaks on an alert whose earlier entries it was not told of', () => {
    const log = history();
    const walk = new GlobalChainWalk(keptAt(log, 3));
    walk.accept(log.slice(3));
    expect(walk.finish({ seq: '7', hash: log[6]!.hash })).toMatchObject({ ok: false, broken: { seq: '5', reason: 'ALERT_LINK_BROKEN' } });
  });

  it('holds an anchor only if its entry is there, intact, with the hash kept', () => {
    const log = history();
    const kept = keptAt(log, 2);
    expect(anchorHolds(log[1], kept)).toBe(true);
    expect(anchorHolds(undefined, kept)).toBe(false);
    expect(anchorHolds(log[2], kept)).toBe(false);
    expect(anchorHolds({ ...log[1]!, details: { purpose: 'rewritten' } }, kept)).toBe(false);
    // Rewritten and re-hashed: intact in itself, but not the entry that was kept.
    const rewritten = { ...log[1]!, details: { purpose: 'rewritten' } };
    expect(anchorHolds({ ...rewritten, hash: entryHash(rewritten) }, kept)).toBe(false);
  });
});
