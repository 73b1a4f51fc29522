// Platform payloads → the contract's view models. Only the fields the screens need cross to the
// renderer; tokens (the organization's `token`, anything unknown the lenient schemas kept) stay
// in main.
import type { Agent, Organization, Space } from '../ipc/contract.ts';
import type {
  Agent as PlatformAgent,
  Organization as PlatformOrganization,
  Space as PlatformSpace,
} from '../unpod/index.ts';

export const toOrganization = (org: PlatformOrganization): Organization => ({
  name: org.name,
  domainHandle: org.domain_handle,
  role: org.role ?? null,
});

export const toSpace = (space: PlatformSpace): Space => ({
  token: space.token,
  name: space.name,
  slug: space.slug ?? null,
  spaceType: space.space_type ?? null,
  contentType: space.content_type ?? null,
  privacyType: space.privacy_type ?? null,
  description: space.description ?? null,
});

export const toAgent = (agent: PlatformAgent): Agent => ({
  handle: agent.handle,
  name: agent.name,
  type: agent.type,
  state: agent.state,
  description: agent.description,
  purpose: agent.purpose,
});
