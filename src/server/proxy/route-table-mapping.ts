import {
  CommonResource,
  CommonResourceList,
  MappedPage,
  MappingPreview,
  ObjectList,
  ObjectMetadata,
  Transformation,
  TransformationRequest,
  type ProblemCode,
} from '../../contract/index.js';
import type { RouteSpec } from './route-table.js';

// The discovery and mapping routes of the route table (route-table.ts): the app's objects and
// fields, the host's own objects, mappings, their preview, and records through them.

const id = { id: 'The connection (instance) id.' };
const mapping = { ...id, name: "The host object's (common resource's) name, e.g. `Customer`." };
/** What reading an app's records may answer. */
const READS: ProblemCode[] = [
  'not_found',
  'conflict',
  'credentials_rejected',
  'address_refused',
  'vendor_error',
  'vendor_unreachable',
  'vendor_timeout',
  'refresh_failed',
];

export const MAPPING_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/instances/{id}/objects',
    summary: "The connected app's objects (from its element definition)",
    auth: 'session',
    params: id,
    answer: { status: 200, description: 'Objects', schema: ObjectList, name: 'ObjectList' },
    problems: ['not_found', 'conflict'],
  },
  {
    method: 'get',
    path: '/instances/{id}/objects/{name}/metadata',
    summary: "An object's fields, discovered from the app (its metadata API, or the definition's list)",
    auth: 'session',
    params: { ...id, name: 'The object name, e.g. `contacts`.' },
    answer: { status: 200, description: 'The fields', schema: ObjectMetadata, name: 'ObjectMetadata' },
    problems: [
      'validation_failed',
      'not_found',
      'conflict',
      'credentials_rejected',
      'refresh_failed',
      'address_refused',
      'vendor_error',
      'vendor_unreachable',
      'vendor_timeout',
    ],
  },
  {
    method: 'get',
    path: '/common-resources',
    summary: "The host's own objects and their fields (its config file)",
    auth: 'session',
    answer: { status: 200, description: 'Common resources', schema: CommonResourceList, name: 'CommonResources' },
    problems: [],
  },
  {
    method: 'get',
    path: '/common-resources/{name}',
    summary: "One of the host's own objects",
    auth: 'session',
    params: { name: 'The common resource name, e.g. `customers`.' },
    answer: { status: 200, description: 'The common resource', schema: CommonResource, name: 'CommonResource' },
    problems: ['validation_failed', 'not_found'],
  },
  {
    method: 'get',
    path: '/instances/{id}/transformations/{name}',
    summary: "A mapping of the host's object to an object of the connected app, with the fields the app no longer has (drift)",
    auth: 'session',
    params: mapping,
    answer: { status: 200, description: 'The mapping; its ETag is `"<version>"`', schema: Transformation, name: 'Transformation' },
    problems: ['validation_failed', 'not_found'],
  },
  {
    method: 'put',
    path: '/instances/{id}/transformations/{name}',
    summary: 'Create (no If-Match) or replace (If-Match: the version read) a mapping; a stale version is refused',
    auth: 'session',
    params: mapping,
    headers: [
      {
        name: 'If-Match',
        required: false,
        description: 'The ETag (version) read, or `*`; without it the mapping must not exist yet (else 412).',
      },
    ],
    body: { schema: TransformationRequest, name: 'TransformationInput' },
    answer: {
      status: 200,
      description: 'The saved mapping (201 when created), with its new ETag',
      schema: Transformation,
      name: 'Transformation',
    },
    problems: ['validation_failed', 'unsupported_media_type', 'payload_too_large', 'not_found', 'precondition_failed'],
  },
  {
    method: 'delete',
    path: '/instances/{id}/transformations/{name}',
    summary: 'Delete a mapping',
    auth: 'session',
    params: mapping,
    headers: [{ name: 'If-Match', required: false, description: 'The ETag (version) read: refused (412) when it changed since.' }],
    answer: { status: 204, description: 'Deleted' },
    problems: ['validation_failed', 'not_found', 'precondition_failed'],
  },
  {
    method: 'post',
    path: '/instances/{id}/transformations/{name}/preview',
    summary: "The app's first record through an unsaved mapping",
    auth: 'session',
    params: mapping,
    body: { schema: TransformationRequest, name: 'TransformationInput' },
    answer: {
      status: 200,
      description: 'The record in the host shape, and each field that does not read',
      schema: MappingPreview,
      name: 'MappingPreview',
    },
    problems: ['validation_failed', 'unsupported_media_type', 'payload_too_large', ...READS],
  },
  {
    method: 'get',
    path: '/instances/{id}/resources/{name}',
    summary: "A page of the connected app's records in the host's shape, through the saved mapping",
    auth: 'session',
    params: mapping,
    query: [
      {
        name: 'pageSize',
        required: false,
        description: 'Records per page, 1 to 200 (default 50); an app with a smaller maximum answers fewer.',
      },
      { name: 'cursor', required: false, description: "The previous page's nextCursor." },
    ],
    answer: {
      status: 200,
      description: 'Records, the next cursor (null on the last page) and per-record errors',
      schema: MappedPage,
      name: 'MappedPage',
    },
    problems: ['validation_failed', ...READS],
  },
];
