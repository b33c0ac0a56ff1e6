import type { DescService } from '@bufbuild/protobuf';
import {
  AlertsEvents,
  AlertsRequests,
  AlertsService,
  DirectoryEvents,
  DirectoryRequests,
  DirectoryService,
  FeedsEvents,
  FeedsRequests,
  FeedsService,
  GetAgencyRequestSchema,
  GetAgencyResponseSchema,
  HealthCheckResponseSchema,
  PostAlertRequestSchema,
  file_cpx_alerts_v1_events,
  file_cpx_directory_v1_events,
  file_cpx_feeds_v1_events,
  requestOperationNamed,
  type EventFamily,
  type RequestOperation,
} from './index';

/**
 * The wire contract of every request operation as it was when the operations were written
 * out by hand in topics.ts, before they were derived from the proto services: its key in the
 * registry, the name it travels under (OPERATION_HEADER), its topic, and its message types.
 * A running service and its callers must agree on every one of these; change one only with a
 * new contract version.
 */
const WIRE_CONTRACT = {
  DirectoryRequests: {
    topic: 'cpx.directory.v1.requests',
    operations: {
      registerAgency: ['cpx.directory.v1.RegisterAgency', 'cpx.directory.v1.RegisterAgencyRequest', 'cpx.directory.v1.RegisterAgencyResponse'],
      updateAgency: ['cpx.directory.v1.UpdateAgency', 'cpx.directory.v1.UpdateAgencyRequest', 'cpx.directory.v1.UpdateAgencyResponse'],
      getAgency: ['cpx.directory.v1.GetAgency', 'cpx.directory.v1.GetAgencyRequest', 'cpx.directory.v1.GetAgencyResponse'],
      searchAgencies: ['cpx.directory.v1.SearchAgencies', 'cpx.directory.v1.SearchAgenciesRequest', 'cpx.directory.v1.SearchAgenciesResponse'],
      registerProfessional: ['cpx.directory.v1.RegisterProfessional', 'cpx.directory.v1.RegisterProfessionalRequest', 'cpx.directory.v1.RegisterProfessionalResponse'],
      updateProfessional: ['cpx.directory.v1.UpdateProfessional', 'cpx.directory.v1.UpdateProfessionalRequest', 'cpx.directory.v1.UpdateProfessionalResponse'],
      getProfessional: ['cpx.directory.v1.GetProfessional', 'cpx.directory.v1.GetProfessionalRequest', 'cpx.directory.v1.GetProfessionalResponse'],
      getCaller: ['cpx.directory.v1.GetCaller', 'cpx.directory.v1.GetCallerRequest', 'cpx.directory.v1.GetCallerResponse'],
      verifyProfessional: ['cpx.directory.v1.VerifyProfessional', 'cpx.directory.v1.VerifyProfessionalRequest', 'cpx.directory.v1.VerifyProfessionalResponse'],
      suspendProfessional: ['cpx.directory.v1.SuspendProfessional', 'cpx.directory.v1.SuspendProfessionalRequest', 'cpx.directory.v1.SuspendProfessionalResponse'],
      reinstateProfessional: ['cpx.directory.v1.ReinstateProfessional', 'cpx.directory.v1.ReinstateProfessionalRequest', 'cpx.directory.v1.ReinstateProfessionalResponse'],
      searchProfessionals: ['cpx.directory.v1.SearchProfessionals', 'cpx.directory.v1.SearchProfessionalsRequest', 'cpx.directory.v1.SearchProfessionalsResponse'],
      assignFocalPoint: ['cpx.directory.v1.AssignFocalPoint', 'cpx.directory.v1.AssignFocalPointRequest', 'cpx.directory.v1.AssignFocalPointResponse'],
      removeFocalPoint: ['cpx.directory.v1.RemoveFocalPoint', 'cpx.directory.v1.RemoveFocalPointRequest', 'cpx.directory.v1.RemoveFocalPointResponse'],
      listFocalPoints: ['cpx.directory.v1.ListFocalPoints', 'cpx.directory.v1.ListFocalPointsRequest', 'cpx.directory.v1.ListFocalPointsResponse'],
      scheduleOnDuty: ['cpx.directory.v1.ScheduleOnDuty', 'cpx.directory.v1.ScheduleOnDutyRequest', 'cpx.directory.v1.ScheduleOnDutyResponse'],
      endOnDuty: ['cpx.directory.v1.EndOnDuty', 'cpx.directory.v1.EndOnDutyRequest', 'cpx.directory.v1.EndOnDutyResponse'],
      whomToContact: ['cpx.directory.v1.WhomToContact', 'cpx.directory.v1.WhomToContactRequest', 'cpx.directory.v1.WhomToContactResponse'],
      listCountries: ['cpx.directory.v1.ListCountries', 'cpx.directory.v1.ListCountriesRequest', 'cpx.directory.v1.ListCountriesResponse'],
      registerCountry: ['cpx.directory.v1.RegisterCountry', 'cpx.directory.v1.RegisterCountryRequest', 'cpx.directory.v1.RegisterCountryResponse'],
      healthCheck: ['cpx.directory.v1.HealthCheck', 'cpx.platform.v1.HealthCheckRequest', 'cpx.platform.v1.HealthCheckResponse'],
    },
  },
  AlertsRequests: {
    topic: 'cpx.alerts.v1.requests',
    operations: {
      postAlert: ['cpx.alerts.v1.PostAlert', 'cpx.alerts.v1.PostAlertRequest', 'cpx.alerts.v1.PostAlertResponse'],
      acknowledgeAlert: ['cpx.alerts.v1.AcknowledgeAlert', 'cpx.alerts.v1.AcknowledgeAlertRequest', 'cpx.alerts.v1.AcknowledgeAlertResponse'],
      addAlertUpdate: ['cpx.alerts.v1.AddAlertUpdate', 'cpx.alerts.v1.AddAlertUpdateRequest', 'cpx.alerts.v1.AddAlertUpdateResponse'],
      resolveAlert: ['cpx.alerts.v1.ResolveAlert', 'cpx.alerts.v1.ResolveAlertRequest', 'cpx.alerts.v1.ResolveAlertResponse'],
      reportChildFound: ['cpx.alerts.v1.ReportChildFound', 'cpx.alerts.v1.ReportChildFoundRequest', 'cpx.alerts.v1.ReportChildFoundResponse'],
      cancelAlert: ['cpx.alerts.v1.CancelAlert', 'cpx.alerts.v1.CancelAlertRequest', 'cpx.alerts.v1.CancelAlertResponse'],
      revealAlertIdentity: ['cpx.alerts.v1.RevealAlertIdentity', 'cpx.alerts.v1.RevealAlertIdentityRequest', 'cpx.alerts.v1.RevealAlertIdentityResponse'],
      getAlert: ['cpx.alerts.v1.GetAlert', 'cpx.alerts.v1.GetAlertRequest', 'cpx.alerts.v1.GetAlertResponse'],
      searchAlerts: ['cpx.alerts.v1.SearchAlerts', 'cpx.alerts.v1.SearchAlertsRequest', 'cpx.alerts.v1.SearchAlertsResponse'],
      getInbox: ['cpx.alerts.v1.GetInbox', 'cpx.alerts.v1.GetInboxRequest', 'cpx.alerts.v1.GetInboxResponse'],
      listIdentityReads: ['cpx.alerts.v1.ListIdentityReads', 'cpx.alerts.v1.ListIdentityReadsRequest', 'cpx.alerts.v1.ListIdentityReadsResponse'],
      getAlertFigures: ['cpx.alerts.v1.GetAlertFigures', 'cpx.alerts.v1.GetAlertFiguresRequest', 'cpx.alerts.v1.GetAlertFiguresResponse'],
      grantIdentityAccess: ['cpx.alerts.v1.GrantIdentityAccess', 'cpx.alerts.v1.GrantIdentityAccessRequest', 'cpx.alerts.v1.GrantIdentityAccessResponse'],
      checkLiveAccess: ['cpx.alerts.v1.CheckLiveAccess', 'cpx.alerts.v1.CheckLiveAccessRequest', 'cpx.alerts.v1.CheckLiveAccessResponse'],
      searchIdentityReads: ['cpx.alerts.v1.SearchIdentityReads', 'cpx.alerts.v1.SearchIdentityReadsRequest', 'cpx.alerts.v1.SearchIdentityReadsResponse'],
      revokeIdentityAccess: ['cpx.alerts.v1.RevokeIdentityAccess', 'cpx.alerts.v1.RevokeIdentityAccessRequest', 'cpx.alerts.v1.RevokeIdentityAccessResponse'],
      listIdentityGrants: ['cpx.alerts.v1.ListIdentityGrants', 'cpx.alerts.v1.ListIdentityGrantsRequest', 'cpx.alerts.v1.ListIdentityGrantsResponse'],
      checkAuditIntegrity: ['cpx.alerts.v1.CheckAuditIntegrity', 'cpx.alerts.v1.CheckAuditIntegrityRequest', 'cpx.alerts.v1.CheckAuditIntegrityResponse'],
      healthCheck: ['cpx.alerts.v1.HealthCheck', 'cpx.platform.v1.HealthCheckRequest', 'cpx.platform.v1.HealthCheckResponse'],
    },
  },
  FeedsRequests: {
    topic: 'cpx.feeds.v1.requests',
    operations: {
      registerPartner: ['cpx.feeds.v1.RegisterPartner', 'cpx.feeds.v1.RegisterPartnerRequest', 'cpx.feeds.v1.RegisterPartnerResponse'],
      createSubscription: ['cpx.feeds.v1.CreateSubscription', 'cpx.feeds.v1.CreateSubscriptionRequest', 'cpx.feeds.v1.CreateSubscriptionResponse'],
      listSubscriptions: ['cpx.feeds.v1.ListSubscriptions', 'cpx.feeds.v1.ListSubscriptionsRequest', 'cpx.feeds.v1.ListSubscriptionsResponse'],
      rotateSubscriptionSecret: ['cpx.feeds.v1.RotateSubscriptionSecret', 'cpx.feeds.v1.RotateSubscriptionSecretRequest', 'cpx.feeds.v1.RotateSubscriptionSecretResponse'],
      deleteSubscription: ['cpx.feeds.v1.DeleteSubscription', 'cpx.feeds.v1.DeleteSubscriptionRequest', 'cpx.feeds.v1.DeleteSubscriptionResponse'],
      listDeliveryAttempts: ['cpx.feeds.v1.ListDeliveryAttempts', 'cpx.feeds.v1.ListDeliveryAttemptsRequest', 'cpx.feeds.v1.ListDeliveryAttemptsResponse'],
      getPartnerFeed: ['cpx.feeds.v1.GetPartnerFeed', 'cpx.feeds.v1.GetPartnerFeedRequest', 'cpx.feeds.v1.GetPartnerFeedResponse'],
      resendWebhookDelivery: ['cpx.feeds.v1.ResendWebhookDelivery', 'cpx.feeds.v1.ResendWebhookDeliveryRequest', 'cpx.feeds.v1.ResendWebhookDeliveryResponse'],
      redeliverFailedWebhooks: ['cpx.feeds.v1.RedeliverFailedWebhooks', 'cpx.feeds.v1.RedeliverFailedWebhooksRequest', 'cpx.feeds.v1.RedeliverFailedWebhooksResponse'],
      updateSubscription: ['cpx.feeds.v1.UpdateSubscription', 'cpx.feeds.v1.UpdateSubscriptionRequest', 'cpx.feeds.v1.UpdateSubscriptionResponse'],
      enableSubscription: ['cpx.feeds.v1.EnableSubscription', 'cpx.feeds.v1.EnableSubscriptionRequest', 'cpx.feeds.v1.EnableSubscriptionResponse'],
      healthCheck: ['cpx.feeds.v1.HealthCheck', 'cpx.platform.v1.HealthCheckRequest', 'cpx.platform.v1.HealthCheckResponse'],
    },
  },
} as const;

const REGISTRIES: Record<keyof typeof WIRE_CONTRACT, Readonly<Record<string, RequestOperation>>> = {
  DirectoryRequests,
  AlertsRequests,
  FeedsRequests,
};

const SERVICES: ReadonlyArray<[DescService, Readonly<Record<string, RequestOperation>>]> = [
  [DirectoryService, DirectoryRequests],
  [AlertsService, AlertsRequests],
  [FeedsService, FeedsRequests],
];

/**
 * Each family with its events.proto and the messages there that are parts of events, not
 * events (why the families are not derived from the file: its messages are not all events).
 */
const EVENTS: ReadonlyArray<[EventFamily, { messages: ReadonlyArray<{ typeName: string }> }, string[]]> = [
  [DirectoryEvents, file_cpx_directory_v1_events, []],
  [AlertsEvents, file_cpx_alerts_v1_events, ['cpx.alerts.v1.AlertAudience', 'cpx.alerts.v1.AlertFacts']],
  [FeedsEvents, file_cpx_feeds_v1_events, []],
];

/** Compile-time equality: the derived registries keep the generated schemas' static types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const typed: [
  Equal<typeof DirectoryRequests.getAgency.request, typeof GetAgencyRequestSchema>,
  Equal<typeof DirectoryRequests.getAgency.response, typeof GetAgencyResponseSchema>,
  Equal<typeof FeedsRequests.healthCheck.response, typeof HealthCheckResponseSchema>,
  Equal<typeof AlertsRequests.postAlert.request, typeof PostAlertRequestSchema>,
] = [true, true, true, true];

describe('request operations derived from the proto services', () => {
  it('keeps the static types of the generated schemas', () => {
    expect(typed).toEqual([true, true, true, true]);
  });

  it.each(Object.entries(WIRE_CONTRACT))('%s keeps the wire contract written by hand before', (registryName, contract) => {
    const registry = REGISTRIES[registryName as keyof typeof WIRE_CONTRACT];
    const actual = Object.fromEntries(
      Object.entries(registry).map(([key, operation]) => [
        key,
        [operation.name, operation.request.typeName, operation.response.typeName, operation.topic],
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(contract.operations).map(([key, [name, request, response]]) => [key, [name, request, response, contract.topic]]),
    );
    expect(actual).toEqual(expected);
    expect(Object.keys(registry)).toEqual(Object.keys(contract.operations));
  });

  it.each(SERVICES.map(([service, registry]) => [service.typeName, service, registry] as const))(
    'registers every rpc of %s under package + method, findable by name',
    (_typeName, service, registry) => {
      expect(service.methods.length).toBeGreaterThan(0);
      expect(Object.keys(registry)).toHaveLength(service.methods.length);
      for (const method of service.methods) {
        const operation = registry[method.localName];
        expect(operation).toBeDefined();
        expect(operation?.name).toBe(`${service.file.proto.package}.${method.name}`);
        expect(operation?.request).toBe(method.input);
        expect(operation?.response).toBe(method.output);
        expect(requestOperationNamed(operation?.name ?? '')).toBe(operation);
      }
    },
  );

  it.each(EVENTS.map(([family, file, parts]) => [family.topic, family, file, parts] as const))(
    '%s registers every event message of its events.proto, under its full name',
    (_topic, family, file, parts) => {
      const registered = Object.values(family.types).map((eventType) => eventType.type);
      const declared = file.messages.map((message) => message.typeName).filter((typeName) => !parts.includes(typeName));
      expect([...registered].sort()).toEqual(declared.sort());
      for (const eventType of Object.values(family.types)) expect(eventType.type).toBe(eventType.schema.typeName);
    },
  );
});
