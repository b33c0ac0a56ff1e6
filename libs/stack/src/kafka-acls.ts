// The broker's ACLs, made by the stack (as the admin principal) from @cpx/contracts'
// kafkaAccessOf: what each application's principal may write, read, and which consumer
// groups it may use. Safe on every start: missing ACLs are created, and the ACLs of a CPX
// principal that the code no longer grants are deleted, so a kept broker follows the code.
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type AclEntry,
  type Admin,
  Kafka,
  logLevel,
  ResourcePatternTypes,
} from 'kafkajs';
import { KAFKA_PRINCIPALS, kafkaAccessOf, kafkaUserName, type KafkaPrincipal } from '@cpx/contracts';
import { clientSecurity, type KafkaAuth } from './kafka-auth';
import { delay } from './process-guard';
import { elapsed, stackLog } from './stack-log';

// The controller answers once ACLs are committed; a broker authorizes with them once its
// metadata has caught up, which takes a moment more (seconds on a busy machine).
const PROPAGATION_TIMEOUT_MS = 60_000;

/** Every ACL the platform's principals are given (none for a super user). */
export function platformAcls(): AclEntry[] {
  return KAFKA_PRINCIPALS.flatMap((principal) => aclsOf(principal));
}

export function aclsOf(principal: KafkaPrincipal): AclEntry[] {
  const access = kafkaAccessOf(principal);
  if (access.superUser) return [];
  const user = `User:${kafkaUserName(principal)}`;
  const allow = (resourceType: AclResourceTypes, resourceName: string, operation: AclOperationTypes, prefixed = false): AclEntry => ({
    resourceType,
    resourceName,
    resourcePatternType: prefixed ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    principal: user,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  });
  return [
    ...access.write.map((topic) => allow(AclResourceTypes.TOPIC, topic, AclOperationTypes.WRITE)),
    ...access.read.map((topic) => allow(AclResourceTypes.TOPIC, topic, AclOperationTypes.READ)),
    // WRITE and READ imply DESCRIBE.
    ...(access.topicPrefixes ?? []).flatMap((prefix) =>
      [AclOperationTypes.CREATE, AclOperationTypes.WRITE, AclOperationTypes.READ].map((operation) => allow(AclResourceTypes.TOPIC, prefix, operation, true)),
    ),
    ...access.groupPrefixes.map((prefix) =>
      prefix === '*'
        ? allow(AclResourceTypes.GROUP, '*', AclOperationTypes.READ)
        : allow(AclResourceTypes.GROUP, prefix, AclOperationTypes.READ, true),
    ),
  ];
}

/** Applies platformAcls() on the broker, authenticated as the admin principal. */
export async function applyAcls(brokers: string[], auth: KafkaAuth): Promise<void> {
  const admin = new Kafka({ clientId: 'cpx-stack-acls', brokers, ...clientSecurity(auth, 'admin'), logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const wanted = platformAcls();
    const existing = await cpxAcls(admin);
    const key = (acl: AclEntry) =>
      [acl.resourceType, acl.resourceName, acl.resourcePatternType, acl.principal, acl.host, acl.operation, acl.permissionType].join('|');
    const wantedKeys = new Set(wanted.map(key));
    const existingKeys = new Set(existing.map(key));
    const stale = existing.filter((acl) => !wantedKeys.has(key(acl)));
    const missing = wanted.filter((acl) => !existingKeys.has(key(acl)));
    if (stale.length > 0) {
      await admin.deleteAcls({ filters: stale });
      stackLog(`deleted ${stale.length} Kafka ACLs the platform no longer grants`);
    }
    if (missing.length > 0) {
      const startedAt = Date.now();
      await admin.createAcls({ acl: missing });
      // Services start next: wait until the broker authorizes with every ACL, or their
      // first requests would be refused.
      for (;;) {
        const seen = new Set((await cpxAcls(admin)).map(key));
        if (wanted.every((acl) => seen.has(key(acl)))) break;
        if (Date.now() - startedAt > PROPAGATION_TIMEOUT_MS) throw new Error(`cpx stack: Kafka ACLs not in force after ${PROPAGATION_TIMEOUT_MS} ms`);
        await delay(100);
      }
      stackLog(`created ${missing.length} Kafka ACLs for ${KAFKA_PRINCIPALS.filter((principal) => aclsOf(principal).length > 0).join(', ')} (${elapsed(startedAt)})`);
    }
  } finally {
    await admin.disconnect();
  }
}

/** The ACLs held by CPX principals now. */
async function cpxAcls(admin: Admin): Promise<AclEntry[]> {
  const described = await Promise.all(
    KAFKA_PRINCIPALS.map((principal) =>
      admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${kafkaUserName(principal)}`,
        host: '*',
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      }),
    ),
  );
  return described.flatMap(({ resources }) =>
    resources.flatMap(({ resourceType, resourceName, resourcePatternType, acls }) =>
      acls.map(({ principal, host, operation, permissionType }) => ({
        resourceType,
        resourceName,
        resourcePatternType,
        principal,
        host,
        operation,
        permissionType,
      })),
    ),
  );
}
