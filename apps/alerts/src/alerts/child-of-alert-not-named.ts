/**
 * The name guard (domain/child-not-named.ts) for a text about an alert already posted,
 * against the child's names in its sealed record. Call it after the caller is authorised
 * (a refusal tells whether a guessed name is the child's) and before anything is written.
 * Opening the record here is not a read of it: nobody sees it, and it is not audited.
 * Once the identity is erased there is nothing to check.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { ChildIdentitySchema } from '@cpx/contracts';
import type { EntityManager } from 'typeorm';
import type { IdentityVault } from '../identity/identity-vault';
import { sealedIdentityOf } from '../identity/identity.store';
import { assertChildNotNamed, type FreeText } from './domain/child-not-named';

export async function assertChildOfAlertNotNamed(manager: EntityManager, vault: IdentityVault, alertId: string, texts: readonly FreeText[]): Promise<void> {
  const sealed = await sealedIdentityOf(manager, alertId);
  if (!sealed) return;
  const child = fromBinary(ChildIdentitySchema, vault.open(alertId, sealed));
  assertChildNotNamed(texts, [...child.givenNames, ...child.familyNames, ...child.aliases]);
}
