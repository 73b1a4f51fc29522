// Every example payload from the two spec files, parsed with the client's own schemas.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agentsResponseSchema,
  createTaskRequestSchema,
  createTaskResponseSchema,
  errorFromHttpStatus,
  normalizeCreateOutcome,
  organizationsResponseSchema,
  parseLenientJson,
  signedUrlFrom,
  signedUrlResponseSchema,
  spaceDetailResponseSchema,
  spacesResponseSchema,
  tasksResponseSchema,
  transcriptEntryText,
} from '../../src-main/unpod/index.ts';
import { readErrorBody } from '../../src-main/unpod/http.ts';

const fixtureDir = path.join(import.meta.dirname, '../fixtures/spec');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtureDir, name), 'utf8'));

describe('spec fixtures parse with the client schemas', () => {
  it('organizations', () => {
    const body = organizationsResponseSchema.parse(fixture('organizations.json'));
    expect(body.data.map((o) => o.domain_handle)).toEqual(['acme-collections', 'beta-sales']);
    expect(body.data[1]?.role).toBe('viewer');
  });

  it('spaces and one space', () => {
    const spaces = spacesResponseSchema.parse(fixture('spaces.json'));
    expect(spaces.data.map((s) => s.token)).toEqual(['SPACETOKEN001', 'SPACETOKEN002']);
    expect(spaces.data[0]?.logo).toBeNull();
    expect(spaces.data[0]?.organization?.domain_handle).toBe('acme-collections');

    const detail = spaceDetailResponseSchema.parse(fixture('space-detail.json'));
    expect(detail.data.agents?.[0]?.handle).toBe('space-agent-8qmk42nslp91wrh3dz7btxc4');
    expect(detail.data.content_type).toBe('contact');
  });

  it('agents', () => {
    const body = agentsResponseSchema.parse(fixture('agents.json'));
    expect(body.count).toBe(94);
    expect(body.data[0]).toMatchObject({
      handle: 'space-agent-8qmk42nslp91wrh3dz7btxc4',
      type: 'Voice',
      purpose: '',
    });
  });

  it('agent tasks: a pending task with output {}', () => {
    const body = tasksResponseSchema.parse(fixture('agent-tasks.json'));
    expect(body.count).toBe(1);
    const task = body.data[0]!;
    expect(task.status).toBe('pending');
    expect(task.output).toEqual({});
    expect(task.thread_id).toBeNull();
    expect(task.input?.context).toContain('Policy Number');
  });

  it('space tasks: a completed call with transcript and post-call data', () => {
    const body = tasksResponseSchema.parse(fixture('space-tasks.json'));
    expect(body.data).toHaveLength(2);
    const done = body.data[0]!;
    expect(done.status).toBe('completed');
    expect(done.output?.duration).toBe(76.769);
    expect(done.output?.transcript?.map(transcriptEntryText)).toEqual(['And reason for calling', 'Hello?']);
    expect(done.output?.post_call_data?.summary?.status).toBe('Call Back');
    expect(done.output?.post_call_data?.classification?.labels).toEqual(['Interested']);
    // success_evaluator is JSON text; structured_data in the docs sample is not valid JSON.
    expect(parseLenientJson(done.output?.post_call_data?.success_evaluator)).toEqual({
      ok: true,
      value: { score: 5, reason: '...' },
    });
    expect(parseLenientJson(done.output?.post_call_data?.structured_data).ok).toBe(false);
    expect(body.data[1]?.output).toEqual({});
  });

  it('space tasks: open statuses, string numbers, nulls, transcript variants, unknown fields kept', () => {
    const body = tasksResponseSchema.parse(fixture('space-tasks-variants.json'));
    expect(body.count).toBe(3);
    const [a, b, c] = body.data;
    expect(a?.status).toBe('partially_completed');
    expect(a?.space_id).toBe('999');
    expect(a?.input?.contact_number).toBe('919900112233');
    expect(a?.output?.duration).toBe(76.5);
    expect(a?.output?.metadata?.cost).toBe(0.14);
    expect(a?.output?.transcript?.map(transcriptEntryText)).toEqual([
      'Call connected',
      'Hello?',
      'Who is this?',
      '',
    ]);
    expect(a?.output?.transcript?.[2]?.secondsFromStart).toBe(4.2);
    expect(b?.status).toBe('in_progress');
    expect(c?.status).toBe('');
    expect(c?.output).toBeNull();
    expect(c).toMatchObject({ duration_extra_field: 'kept', new_platform_field: { x: 1 } });
  });

  it('the documented create request is a valid request', () => {
    const request = createTaskRequestSchema.parse(fixture('create-task-request.json'));
    expect(request.documents[0]).toMatchObject({ name: 'John Doe', time: null, labels: ['Interested'] });
  });

  it('both create-response shapes normalise to one outcome', () => {
    const documented = createTaskResponseSchema.parse(fixture('create-task-response-documented.json'));
    expect(normalizeCreateOutcome(documented.data, documented)).toMatchObject({
      runId: 'Rf36292fceaa211ef8e2a91681c5ad3ab',
      taskIds: ['67aeecb2851179ff81e48f64'],
      statuses: { '67aeecb2851179ff81e48f64': 'pending' },
    });

    const serverCode = createTaskResponseSchema.parse(fixture('create-task-response-server-code.json'));
    expect(normalizeCreateOutcome(serverCode.data, serverCode)).toMatchObject({
      runId: 'Rf36292fceaa211ef8e2a91681c5ad3ab',
      taskIds: ['T0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'T1b2c3d4e5f60718293a4b5c6d7e8f9a0'],
      statuses: { T1b2c3d4e5f60718293a4b5c6d7e8f9a0: 'scheduled' },
    });
  });

  it('the pre-signed URL answer', () => {
    const body = signedUrlResponseSchema.parse(fixture('presigned-url.json'));
    expect(signedUrlFrom(body)).toMatch(/^https:\/\/store\.unpod\.ai\/.*X-Amz-Signature=/);
    expect(signedUrlFrom(signedUrlResponseSchema.parse({ data: 'https://x.test/a.ogg' }))).toBe(
      'https://x.test/a.ogg',
    );
    expect(signedUrlResponseSchema.safeParse({ data: {} }).success).toBe(false);
  });
});

describe('spec error bodies map to the error taxonomy', () => {
  const mapped = (status: number, name: string) =>
    errorFromHttpStatus({ status, ...readErrorBody(fixture(name)) }, { what: 'the test request' });

  it('206 with a string `errors` is a business error carrying both', () => {
    const error = mapped(206, 'error-206-create-string-errors.json');
    expect(error.kind).toBe('business');
    expect(error.message).toContain('Task creation failed');
    expect(error.message).toContain('Detailed error description');
    expect(error.details).toEqual({ message: 'Task creation failed', errors: 'Detailed error description' });
  });

  it('206 with a field map of errors', () => {
    const error = mapped(206, 'error-206-create-validation.json');
    expect(error.kind).toBe('business');
    expect(error.message).toContain('There is some Validation error: field: ...');
    expect(error.details).toEqual({ message: 'There is some Validation error', errors: { field: ['...'] } });
  });

  it('206 without `errors`', () => {
    const error = mapped(206, 'error-206-invalid-space-token.json');
    expect(error.kind).toBe('business');
    expect(error.message).toContain('Invalid Space Token');
    expect(error.details).toEqual({ message: 'Invalid Space Token' });
  });

  it('206 on task listings', () => {
    expect(mapped(206, 'error-206-agent-tasks.json').message).toContain('Error fetching tasks');
    expect(mapped(206, 'error-206-space-tasks.json').kind).toBe('business');
  });

  it('401, 403 expired, 400, 404, 500', () => {
    expect(mapped(401, 'error-401-no-credentials.json').kind).toBe('unauthorized');
    const expired = mapped(403, 'error-403-token-expired.json');
    expect(expired.kind).toBe('forbidden');
    expect(expired.message).toMatch(/token has expired/i);
    const orgMissing = mapped(400, 'error-400-org-handle-required.json');
    expect(orgMissing.kind).toBe('bad_request');
    expect(orgMissing.message).toContain('Org-Handle header is required.');
    expect(mapped(400, 'error-400-schedule-past.json').message).toContain(
      'Scheduled time must be in the future.',
    );
    const notFound = mapped(404, 'error-404-agent-not-found.json');
    expect(notFound.kind).toBe('not_found');
    expect(notFound.message).toContain('Agent not found');
    expect(mapped(500, 'error-500-task-creation-failed.json').kind).toBe('server');
  });
});
