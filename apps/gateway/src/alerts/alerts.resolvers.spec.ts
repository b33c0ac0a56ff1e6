import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, AlertsRequests, AlertStatus, AlertUpdateKind, AuditBreakReason, ChildIdentitySchema, Outcome, Urgency } from '@cpx/contracts';
import { decodeCursor, DomainError, postAlertContext, revealIdentityContext } from '@cpx/platform';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, TEST_CLAIMS, testServices, type TestGateway } from '../../test/test-gateway';
import { aChild, ALERT_ID, anAlert, anUpdate, aPostAlertInput, POSTED } from './testing/alert-factories';

const PRINCIPAL = { subject: TEST_CLAIMS.sub, roles: ['professional'], country: 'RS', agencyId: 'agency-1', partnerId: undefined };

describe('alerts resolvers', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests();

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    requests.calls.length = 0;
  });

  it('posts an alert with the principal, and says whether it was a replay', async () => {
    requests.on(AlertsRequests.postAlert, () => ({ alert: anAlert(), replayed: true }));
    const { body } = await gateway.graphql(
      `mutation Post($input: PostAlertInput!) { postAlert(input: $input) { replayed alert { id kind urgency status originCountry title postedAt version
         targets { country deadline acknowledgedAt escalationLevel unrouted recipientCount } } } }`,
      { variables: { input: aPostAlertInput({ targetAgencyTypes: ['POLICE'] }) } },
    );
    expect(body).toEqual({
      data: {
        postAlert: {
          replayed: true,
          alert: {
            id: ALERT_ID,
            kind: 'MISSING_CHILD',
            urgency: 'CRITICAL',
            status: 'POSTED',
            originCountry: 'RS',
            title: 'Djevojčica nestala na autobusnoj stanici',
            postedAt: POSTED.toISOString(),
            version: 1,
            targets: [
              { country: 'HR', deadline: '2025-05-31T22:00:00.000Z', acknowledgedAt: null, escalationLevel: 0, unrouted: false, recipientCount: 2 },
              { country: 'XK', deadline: '2025-05-31T22:00:00.000Z', acknowledgedAt: null, escalationLevel: 0, unrouted: true, recipientCount: 0 },
            ],
          },
        },
      },
    });
    expect(requests.calls).toHaveLength(1);
    expect(requests.calls[0]).toMatchObject({ operation: AlertsRequests.postAlert.name, principal: PRINCIPAL });
    expect(requests.calls[0]?.request).toMatchObject({
      idempotencyKey: 'post-2025-05-31-0001',
      kind: AlertKind.MISSING_CHILD,
      urgency: Urgency.CRITICAL,
      targetCountries: ['HR', 'XK'],
      targetAgencyTypes: [AgencyType.POLICE],
    });
    // The child's record goes on Kafka sealed for the alerts service, never in clear.
    const sealed = (requests.calls[0]?.request as { sealedChild: Uint8Array }).sealedChild;
    expect(Buffer.from(sealed).includes(Buffer.from('Petrović'))).toBe(false);
    expect(await testServices.openAsAlerts(ChildIdentitySchema, sealed, postAlertContext('post-2025-05-31-0001'), 'child')).toMatchObject({
      givenNames: ['Јована'],
      familyNames: ['Petrović'],
      estimatedAge: { minYears: 12, maxYears: 14 },
    });
  });

  it("names the caller's argument when the service refuses a field", async () => {
    requests.on(AlertsRequests.postAlert, () => {
      throw DomainError.badInput('child.given_names[0]', 'A given name must not be empty.');
    });
    const { body } = await gateway.graphql(`mutation Post($input: PostAlertInput!) { postAlert(input: $input) { replayed } }`, { variables: { input: aPostAlertInput() } });
    expect(body.errors?.[0]).toMatchObject({ message: 'A given name must not be empty.', extensions: { code: 'BAD_USER_INPUT', field: 'input.child.givenNames.0' } });

    requests.on(AlertsRequests.listIdentityReads, () => {
      throw DomainError.notFound('Alert', ALERT_ID);
    });
    const reads = await gateway.graphql(`{ alertIdentityReads(alertId: "${ALERT_ID}") { purpose } }`);
    expect(reads.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('answers one alert with its thread, without asking twice', async () => {
    requests.on(AlertsRequests.getAlert, () => ({ alert: anAlert(), updates: [anUpdate()] }));
    const { body } = await gateway.graphql(`{ alert(id: "${ALERT_ID}") { id outcome outcomeNote closedAt identityErased updates { id text authorCountry sighting { place seenAt } createdAt } } }`);
    expect(body).toEqual({
      data: {
        alert: {
          id: ALERT_ID,
          outcome: null,
          outcomeNote: null,
          closedAt: null,
          identityErased: false,
          updates: [
            {
              id: 'c0ffee00-1111-4222-8333-444455556666',
              text: 'Viđena u Zagrebu, glavni kolodvor.',
              authorCountry: 'HR',
              sighting: { place: 'Zagreb Glavni kolodvor', seenAt: '2025-06-01T07:30:00.000Z' },
              createdAt: '2025-06-01T08:00:00.000Z',
            },
          ],
        },
      },
    });
    expect(requests.calls.map((call) => call.operation)).toEqual([AlertsRequests.getAlert.name]);
  });

  it('answers a filtered list as a Relay connection, fetching a thread only when asked, once per alert', async () => {
    requests.on(AlertsRequests.searchAlerts, () => ({
      items: [anAlert(), anAlert({ id: 'second', status: AlertStatus.IN_PROGRESS })],
      endCursor: 'service-cursor',
      hasNextPage: true,
      totalCount: 9,
    }));
    requests.on(AlertsRequests.getAlert, (request) => ({ alert: anAlert({ id: request.id }), updates: request.id === ALERT_ID ? [anUpdate()] : [] }));
    const { body } = await gateway.graphql(
      `{ alerts(first: 2, filter: { status: IN_PROGRESS, kind: MISSING_CHILD, urgency: CRITICAL, country: "HR", overdueOnly: true }) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id status updates { id } again: updates { id } } } } }`,
    );
    const connection = body.data?.['alerts'] as { totalCount: number; pageInfo: { endCursor: string }; edges: { node: unknown }[] };
    expect(connection.totalCount).toBe(9);
    expect(decodeCursor(connection.pageInfo.endCursor)).toEqual(['service-cursor', 0]);
    expect(connection.edges.map((edge) => edge.node)).toEqual([
      { id: ALERT_ID, status: 'POSTED', updates: [{ id: 'c0ffee00-1111-4222-8333-444455556666' }], again: [{ id: 'c0ffee00-1111-4222-8333-444455556666' }] },
      { id: 'second', status: 'IN_PROGRESS', updates: [], again: [] },
    ]);
    expect(requests.calls[0]?.request).toEqual({
      filter: { status: AlertStatus.IN_PROGRESS, kind: AlertKind.MISSING_CHILD, urgency: Urgency.CRITICAL, country: 'HR', overdueOnly: true },
      page: { first: 2, after: '' },
    });
    expect(requests.calls.filter((call) => call.operation === AlertsRequests.getAlert.name)).toHaveLength(2);
  });

  it('answers my inbox', async () => {
    requests.on(AlertsRequests.getInbox, () => ({ items: [anAlert()], endCursor: '', hasNextPage: false, totalCount: 1 }));
    const { body } = await gateway.graphql('{ alertInbox(first: 10) { totalCount edges { node { id } } pageInfo { hasNextPage } } }');
    expect(body).toEqual({ data: { alertInbox: { totalCount: 1, edges: [{ node: { id: ALERT_ID } }], pageInfo: { hasNextPage: false } } } });
    expect(requests.calls[0]).toMatchObject({ operation: AlertsRequests.getInbox.name, request: { page: { first: 10, after: '' } }, principal: PRINCIPAL });
  });

  it('acknowledges, adds an update, resolves and cancels', async () => {
    requests.on(AlertsRequests.acknowledgeAlert, () => ({ alert: anAlert({ status: AlertStatus.IN_PROGRESS, version: 2n }) }));
    requests.on(AlertsRequests.addAlertUpdate, () => ({ update: anUpdate() }));
    requests.on(AlertsRequests.resolveAlert, () => ({ alert: anAlert({ status: AlertStatus.RESOLVED, outcome: Outcome.PLACED_IN_CARE, outcomeNote: 'Smještena u prihvatilište.' }) }));
    requests.on(AlertsRequests.cancelAlert, () => ({ alert: anAlert({ status: AlertStatus.CANCELLED }) }));

    expect((await gateway.graphql(`mutation { acknowledgeAlert(id: "${ALERT_ID}") { status version } }`)).body).toEqual({ data: { acknowledgeAlert: { status: 'IN_PROGRESS', version: 2 } } });
    expect(requests.calls.at(-1)?.request).toEqual({ id: ALERT_ID });

    const update = await gateway.graphql(`mutation { addAlertUpdate(id: "${ALERT_ID}", input: { text: "Viđena", sighting: { place: "Zagreb", seenAt: "2025-06-01T07:30:00Z" } }) { id } }`);
    expect(update.body.errors).toBeUndefined();
    const sent = requests.calls.at(-1)?.request as { id: string; text: string; sighting: { place: string; seenAt: Parameters<typeof timestampDate>[0] } };
    expect([sent.id, sent.text, sent.sighting.place, timestampDate(sent.sighting.seenAt).toISOString()]).toEqual([ALERT_ID, 'Viđena', 'Zagreb', '2025-06-01T07:30:00.000Z']);

    const resolved = await gateway.graphql(`mutation { resolveAlert(id: "${ALERT_ID}", outcome: PLACED_IN_CARE, note: "Smještena u prihvatilište.", expectedVersion: 3) { status outcome outcomeNote } }`);
    expect(resolved.body).toEqual({ data: { resolveAlert: { status: 'RESOLVED', outcome: 'PLACED_IN_CARE', outcomeNote: 'Smještena u prihvatilište.' } } });
    expect(requests.calls.at(-1)?.request).toEqual({ id: ALERT_ID, outcome: Outcome.PLACED_IN_CARE, note: 'Smještena u prihvatilište.', expectedVersion: 3n });

    await gateway.graphql(`mutation { cancelAlert(id: "${ALERT_ID}", reason: "Posted twice by mistake.") { status } }`);
    expect(requests.calls.at(-1)?.request).toEqual({ id: ALERT_ID, reason: 'Posted twice by mistake.', expectedVersion: undefined });
  });

  it('reports the child found: the note goes to the service, the entry comes back with its kind', async () => {
    requests.on(AlertsRequests.reportChildFound, ({ note }) => ({ update: anUpdate({ kind: AlertUpdateKind.CHILD_FOUND, text: note }) }));
    const found = await gateway.graphql(`mutation { reportChildFound(id: "${ALERT_ID}", note: "Pronađen u Zagrebu, na sigurnom.") { kind text } }`);
    expect(found.body).toEqual({ data: { reportChildFound: { kind: 'CHILD_FOUND', text: 'Pronađen u Zagrebu, na sigurnom.' } } });
    expect(requests.calls.at(-1)?.request).toEqual({ id: ALERT_ID, note: 'Pronađen u Zagrebu, na sigurnom.' });
    const empty = await gateway.graphql(`mutation { reportChildFound(id: "${ALERT_ID}", note: " ") { kind } }`);
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
  });

  it("reveals the child's identity with the purpose, photo as base64, and lists the reads", async () => {
    const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    requests.on(AlertsRequests.revealAlertIdentity, async ({ id }) => ({
      sealedChild: await testServices.sealToGateway(ChildIdentitySchema, aChild({ photo, photoContentType: 'image/png', dateOfBirth: '2012-04-30' }), revealIdentityContext(id ?? '')),
    }));
    const { body } = await gateway.graphql(
      `mutation { revealAlertIdentity(id: "${ALERT_ID}", purpose: "Identify her at the Zagreb shelter") { givenNames familyNames aliases sex dateOfBirth estimatedAge { minYears maxYears } nationalities languages photo photoContentType lastKnownAt } }`,
    );
    expect(body).toEqual({
      data: {
        revealAlertIdentity: {
          givenNames: ['Јована'],
          familyNames: ['Petrović'],
          aliases: ['Joka'],
          sex: 'FEMALE',
          dateOfBirth: '2012-04-30',
          estimatedAge: { minYears: 12, maxYears: 14 },
          nationalities: ['RS'],
          languages: ['sr-Cyrl', 'rom'],
          photo: photo.toString('base64'),
          photoContentType: 'image/png',
          lastKnownAt: null,
        },
      },
    });
    expect(requests.calls.at(-1)?.request).toEqual({ id: ALERT_ID, purpose: 'Identify her at the Zagreb shelter' });

    requests.on(AlertsRequests.listIdentityReads, () => ({
      reads: [{ readerSubject: 'user-2', readerAgencyId: 'agency-2', readerCountry: 'HR', purpose: 'Identify her at the Zagreb shelter', readAt: { seconds: 1748764800n, nanos: 0 } }],
    }));
    const reads = await gateway.graphql(`{ alertIdentityReads(alertId: "${ALERT_ID}") { readerSubject readerAgencyId readerCountry purpose readAt } }`);
    expect(reads.body).toEqual({
      data: { alertIdentityReads: [{ readerSubject: 'user-2', readerAgencyId: 'agency-2', readerCountry: 'HR', purpose: 'Identify her at the Zagreb shelter', readAt: '2025-06-01T08:00:00.000Z' }] },
    });
    expect(requests.calls.at(-1)?.request).toEqual({ id: ALERT_ID });
  });

  it('revokes an attaché’s access and lists the grants, revoked ones included', async () => {
    const grant = { alertId: ALERT_ID, granteeSubject: 'attache-1', grantedBySubject: 'user-1', reason: 'Coordinating the regional search', grantedAt: { seconds: 1748764800n, nanos: 0 } };
    requests.on(AlertsRequests.revokeIdentityAccess, () => ({ grant: { ...grant, revokedAt: { seconds: 1748768400n, nanos: 0 }, revokedBySubject: 'user-1' } }));
    const revoked = await gateway.graphql(`mutation { revokeAlertIdentityAccess(id: "${ALERT_ID}", granteeSubject: "attache-1") { granteeSubject revokedAt revokedBySubject } }`);
    expect(revoked.body).toEqual({ data: { revokeAlertIdentityAccess: { granteeSubject: 'attache-1', revokedAt: '2025-06-01T09:00:00.000Z', revokedBySubject: 'user-1' } } });
    expect(requests.calls.at(-1)?.request).toEqual({ id: ALERT_ID, granteeSubject: 'attache-1' });

    requests.on(AlertsRequests.listIdentityGrants, () => ({ grants: [grant] }));
    const listed = await gateway.graphql(`{ alertIdentityGrants(alertId: "${ALERT_ID}") { granteeSubject grantedBySubject reason grantedAt revokedAt } }`);
    expect(listed.body).toEqual({
      data: { alertIdentityGrants: [{ granteeSubject: 'attache-1', grantedBySubject: 'user-1', reason: 'Coordinating the regional search', grantedAt: '2025-06-01T08:00:00.000Z', revokedAt: null }] },
    });
    const refused = await gateway.graphql(`mutation { revokeAlertIdentityAccess(id: "${ALERT_ID}", granteeSubject: "") { revokedAt } }`);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'granteeSubject' });
  });

  it('answers the audit trail across alerts as a Relay connection, narrowed by what was set', async () => {
    requests.on(AlertsRequests.searchIdentityReads, () => ({
      items: [{ alertId: ALERT_ID, readerSubject: 'user-2', readerAgencyId: 'agency-2', readerCountry: 'HR', purpose: 'Identify her at the Zagreb shelter', readAt: { seconds: 1748764800n, nanos: 0 } }],
      endCursor: 'next-page',
      hasNextPage: true,
      totalCount: 7,
    }));
    const { body } = await gateway.graphql(
      `{ identityReadAudit(readerSubject: "user-2", since: "2025-05-01T00:00:00+02:00", first: 1) { totalCount pageInfo { hasNextPage } edges { node { alertId readerSubject purpose readAt } } } }`,
    );
    expect(body).toEqual({
      data: {
        identityReadAudit: {
          totalCount: 7,
          pageInfo: { hasNextPage: true },
          edges: [{ node: { alertId: ALERT_ID, readerSubject: 'user-2', purpose: 'Identify her at the Zagreb shelter', readAt: '2025-06-01T08:00:00.000Z' } }],
        },
      },
    });
    const request = requests.calls.at(-1)?.request as { readerSubject: string; alertId: string; since: Parameters<typeof timestampDate>[0]; until?: unknown; page: { first: number } };
    expect({ ...request, since: timestampDate(request.since).toISOString() }).toMatchObject({
      readerSubject: 'user-2',
      alertId: '',
      since: '2025-04-30T22:00:00.000Z',
      until: undefined,
      page: { first: 1 },
    });
    const refused = await gateway.graphql(`{ identityReadAudit(alertId: "not-an-id") { totalCount } }`);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'alertId' });
  });

  it('answers the audit log check as the alerts service gives it: ok, or the first broken entry', async () => {
    requests.on(AlertsRequests.checkAuditIntegrity, () => ({ ok: true, checkedEntries: 42n, headSeq: 42n, headHash: new Uint8Array([0xab, 0x01]) }));
    const intact = await gateway.graphql(`{ auditIntegrity { ok checkedEntries firstBreak { seq } headSeq headHash } }`);
    expect(intact.body).toEqual({ data: { auditIntegrity: { ok: true, checkedEntries: 42, firstBreak: null, headSeq: '42', headHash: 'ab01' } } });
    expect(requests.calls.at(-1)?.request).toMatchObject({ alertId: '' });

    requests.on(AlertsRequests.checkAuditIntegrity, () => ({
      ok: false,
      checkedEntries: 7n,
      firstBreak: { seq: 9007199254740993n, alertId: ALERT_ID, reason: AuditBreakReason.ALERT_LINK_BROKEN },
      headSeq: 9007199254740999n,
      headHash: new Uint8Array(32),
    }));
    const broken = await gateway.graphql(`{ auditIntegrity(alertId: "${ALERT_ID}") { ok checkedEntries firstBreak { seq alertId reason } } }`);
    expect(broken.body).toEqual({
      data: { auditIntegrity: { ok: false, checkedEntries: 7, firstBreak: { seq: '9007199254740993', alertId: ALERT_ID, reason: 'ALERT_LINK_BROKEN' } } },
    });
    expect(requests.calls.at(-1)?.request).toMatchObject({ alertId: ALERT_ID });
    await gateway.graphql(`{ auditIntegrity(fromSeq: "42", fromHash: "${'ab'.repeat(32)}") { ok } }`);
    expect(requests.calls.at(-1)?.request).toMatchObject({ alertId: '', fromSeq: 42n, fromHash: Buffer.from('ab'.repeat(32), 'hex') });
    const badHash = await gateway.graphql(`{ auditIntegrity(fromSeq: "42", fromHash: "not-a-hash") { ok } }`);
    expect(badHash.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromHash' });
    const refused = await gateway.graphql(`{ auditIntegrity(alertId: "not-an-id") { ok } }`);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'alertId' });
  });

  it('answers figures per country, since a date', async () => {
    requests.on(AlertsRequests.getAlertFigures, () => ({
      countries: [
        { country: 'HR', open: 4, overdue: 1, acknowledged: 3, medianSecondsToAcknowledge: 1260n },
        { country: 'XK', open: 1, overdue: 1, acknowledged: 0, medianSecondsToAcknowledge: 0n },
      ],
    }));
    const { body } = await gateway.graphql('{ alertFigures(since: "2025-01-01T00:00:00Z") { country open overdue acknowledged medianSecondsToAcknowledge } }');
    expect(body).toEqual({
      data: {
        alertFigures: [
          { country: 'HR', open: 4, overdue: 1, acknowledged: 3, medianSecondsToAcknowledge: 1260 },
          { country: 'XK', open: 1, overdue: 1, acknowledged: 0, medianSecondsToAcknowledge: null },
        ],
      },
    });
    const since = (requests.calls[0]?.request as { since: Parameters<typeof timestampDate>[0] }).since;
    expect(timestampDate(since).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('prices threads in a list so that a page of threads cannot fan out unbounded', async () => {
    const { body } = await gateway.graphql('{ alerts(first: 100) { edges { node { id updates { id text } } } } }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(requests.calls).toHaveLength(0);
  });
});
